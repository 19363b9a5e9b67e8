# bash completion for dltimeline(1)                                 -*- shell-script -*-
#
# Completes commands, each command's options, the values of --format, --era, --paradigm,
# --tag, --kind and --root, file names for --db, -o/--output, --script, --dump and the
# arguments of import, milestone ids for show, links, lineage and path, and chart kinds. Eras, paradigms, tags and ids are read from
# the program itself, from the database named by a --db earlier on the line if there is one.
# Needs nothing from the bash-completion package.

_dltimeline_commands='list show search links eras paradigms tags lineage path chart export import bookmarks'
_dltimeline_kinds='paper model system product event dataset framework hardware competition'

# The first column of `PROG [--db DB] ARGS... --format tsv`, one value a line.
_dltimeline_column1()
{
    local prog=$1 db=$2
    shift 2
    if [[ -n $db ]]; then
        "$prog" --db "$db" "$@" --format tsv 2>/dev/null | cut -f1
    else
        "$prog" "$@" --format tsv 2>/dev/null | cut -f1
    fi
}

# Does option $2 of command $1 (empty: a global option) take a value?
_dltimeline_takes_value()
{
    case $2 in
        --db) return 0 ;;
        --script | --size | --dump) [[ -z $1 ]] ;;
        --format) [[ -n $1 && $1 != import ]] ;;
        --year | --era | --paradigm | --kind) [[ $1 == list ]] ;;
        --from | --to | --tag) [[ $1 == list || $1 == export ]] ;;
        --depth) [[ $1 == lineage || $1 == export ]] ;;
        --root) [[ $1 == export ]] ;;
        --add | --remove | --note | --move | --to) [[ $1 == bookmarks ]] ;;
        --max-length) [[ $1 == path ]] ;;
        --width | --height) [[ $1 == chart ]] ;;
        --limit) [[ $1 == list || $1 == search ]] ;;
        -o | --output) [[ $1 == import ]] ;;
        *) return 1 ;;
    esac
}

_dltimeline()
{
    local i w n=${#COMP_WORDS[@]}
    local -a words=()
    local cword=-1

    # Put back together what bash split at '=': "--era" "=" "llm" -> "--era=llm".
    for ((i = 0; i < n; i++)); do
        w=${COMP_WORDS[i]}
        if [[ $w == = && ${#words[@]} -gt 1 && ${words[-1]} == -* && ${words[-1]} != *=* ]]; then
            words[-1]+="="
            ((i == COMP_CWORD)) && cword=$((${#words[@]} - 1))
            if ((i + 1 < n && i + 1 <= COMP_CWORD)); then
                ((i++))
                words[-1]+=${COMP_WORDS[i]}
                ((i == COMP_CWORD)) && cword=$((${#words[@]} - 1))
            fi
            continue
        fi
        words+=("$w")
        ((i == COMP_CWORD)) && cword=$((${#words[@]} - 1))
    done
    ((cword < 0)) && return 0
    local cur=${words[cword]}

    # The text bash will replace: the current word, or nothing right after a lone '='.
    local raw=${COMP_WORDS[COMP_CWORD]}
    [[ $raw == = ]] && raw=
    local keep=${cur:0:${#cur}-${#raw}} # what stays before the replaced text

    local prog=${words[0]}
    [[ $prog == \~/* ]] && prog=$HOME/${prog#\~/}
    command -v -- "$prog" >/dev/null 2>&1 || prog=dltimeline

    # Walk the words before the cursor: global options, the command, its options and
    # arguments. The last --db wins, as in the program.
    local cmd="" db="" npos=0 dashdash=""
    for ((i = 1; i < cword; i++)); do
        w=${words[i]}
        if [[ -z $dashdash && $w == -* ]]; then
            case $w in
                --) [[ -n $cmd ]] && dashdash=1 ;;
                --db=*) db=${w#--db=} ;;
                --db)
                    ((i + 1 < cword)) && db=${words[i + 1]}
                    ((i++))
                    ;;
                *) [[ $w != *=* ]] && _dltimeline_takes_value "$cmd" "$w" && ((i++)) ;;
            esac
        elif [[ -z $cmd ]]; then
            cmd=$w
        else
            ((npos++))
        fi
    done
    [[ $db == \~/* ]] && db=$HOME/${db#\~/}

    # What to complete: the value of an option, an option, or an argument.
    local opt="" val=$cur
    if [[ -z $dashdash && $cur == -*=* ]]; then
        opt=${cur%%=*}
        val=${cur#*=}
        _dltimeline_takes_value "$cmd" "$opt" || return 0
    elif [[ -z $dashdash && $cword -gt 1 && -n ${words[cword - 1]} ]] &&
        _dltimeline_takes_value "$cmd" "${words[cword - 1]}"; then
        opt=${words[cword - 1]}
    fi

    local candidates="" files="" dirs_and_yaml=""
    if [[ -n $opt ]]; then
        case $opt in
            --format)
                case $cmd in
                    export) candidates='json csv markdown dot mermaid bibtex csl-json timelinejs' ;;
                    show | links) candidates='text tsv json markdown bibtex csl-json' ;;
                    lineage | path) candidates='text tsv json markdown mermaid bibtex csl-json timelinejs' ;;
                    bookmarks) candidates='text tsv json markdown bibtex csl-json timelinejs' ;;
                    *) candidates='text tsv json' ;;
                esac
                ;;
            --era) candidates=$(_dltimeline_column1 "$prog" "$db" eras) ;;
            --paradigm) candidates=$(_dltimeline_column1 "$prog" "$db" paradigms) ;;
            --tag) candidates=$(_dltimeline_column1 "$prog" "$db" tags) ;;
            --kind) candidates=$_dltimeline_kinds ;;
            --root | --add | --remove | --move | --goto) candidates=$(_dltimeline_column1 "$prog" "$db" list) ;;
            --db | -o | --output | --script | --dump) files=1 ;;
            *) return 0 ;; # a number, a year or a size: nothing to offer
        esac
    elif [[ -z $cmd ]]; then
        if [[ $cur == -* ]]; then
            candidates='--db --goto --no-state --no-pager --version --help --help-all --script --size --dump --dump-attrs'
        else
            candidates=$_dltimeline_commands
        fi
    elif [[ -z $dashdash && $cur == -* ]]; then
        case $cmd in
            list) candidates='--year --from --to --era --paradigm --tag --kind --limit --format' ;;
            show | links | eras | paradigms | tags) candidates='--format' ;;
            search) candidates='--limit --explain --format' ;;
            lineage) candidates='--up --down --depth --format' ;;
            path) candidates='--all --max-length --format' ;;
            chart) candidates='--width --height --format' ;;
            export) candidates='--format --from --to --tag --root --depth --edge-labels' ;;
            import) candidates='--check --strict -o --output --force' ;;
            bookmarks) candidates='--add --note --remove --move --to --format' ;;
            *) return 0 ;;
        esac
        candidates+=' --db --help'
    else
        case $cmd in
            show | links | lineage) ((npos == 0)) && candidates=$(_dltimeline_column1 "$prog" "$db" list) ;;
            path) ((npos < 2)) && candidates=$(_dltimeline_column1 "$prog" "$db" list) ;;
            chart) ((npos == 0)) && candidates='years params compute' ;;
            import) dirs_and_yaml=1 ;;
            *) return 0 ;;
        esac
    fi

    local -a found=()
    if [[ -n $files ]]; then
        compopt -o filenames 2>/dev/null
        mapfile -t found < <(compgen -f -- "$val")
    elif [[ -n $dirs_and_yaml ]]; then
        compopt -o filenames 2>/dev/null
        mapfile -t found < <(
            compgen -d -- "$val"
            compgen -f -X '!*.yaml' -- "$val"
            compgen -f -X '!*.yml' -- "$val"
            compgen -f -X '!*.bib' -- "$val"
            compgen -f -X '!*.json' -- "$val"
        )
    else
        mapfile -t found < <(compgen -W "$candidates" -- "$val")
    fi

    # The matches are values; the word also holds "--opt=" when given in one piece, and
    # bash replaces only `raw`, its end, so drop the part before that.
    local prefix=""
    [[ $cur == -*=* && -n $opt ]] && prefix=$opt=
    COMPREPLY=()
    for w in "${found[@]}"; do
        w=$prefix$w
        COMPREPLY+=("${w#"$keep"}")
    done
    return 0
} &&
    complete -F _dltimeline dltimeline

# ex: filetype=sh
