// citejs_read.js FILE bibtex|csl-json -- read FILE with citation-js (the parsers Zotero's
// and many sites' imports use) and print, as JSON, what it understood: each item's id, type,
// title, date and authors, and the bibliography that citeproc-js (the CSL processor) makes
// of them in APA style, one entry per item. Exits 1 when citation-js cannot read the file.
// NODE_PATH must name the node_modules folder of tests/formats/npm_setup.sh.
'use strict';
const fs = require('fs');
const { Cite } = require('@citation-js/core');
require('@citation-js/plugin-bibtex');
require('@citation-js/plugin-csl');

const [file, format] = process.argv.slice(2);
const text = fs.readFileSync(file, 'utf8');
let cite;
try {
  // the input type is named, so that citation-js does not guess
  cite = new Cite(format === 'bibtex' ? text : JSON.parse(text),
                  { forceType: format === 'bibtex' ? '@biblatex/text' : '@csl/list+object' });
} catch (e) {
  console.error('citation-js cannot read ' + file + ': ' + e.message);
  process.exit(1);
}
const items = cite.data.map((it) => ({
  id: it.id,
  type: it.type,
  title: it.title,
  issued: it.issued && it.issued['date-parts'] ? it.issued['date-parts'][0] : null,
  author: (it.author || []).map((a) => a.literal || [a['non-dropping-particle'], a.family].filter(Boolean).join(' ')),
}));
const bibliography = cite.format('bibliography', { format: 'text', template: 'apa', lang: 'en-US' })
  .split('\n').filter((line) => line.trim() !== '');
process.stdout.write(JSON.stringify({ items, bibliography }));
