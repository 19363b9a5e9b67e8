#!/usr/bin/env bash
# No input ends the browser: paste whole paper titles into the search prompt of the real
# browser in tmux (send-keys -l: a burst of keys, as a terminal delivers a paste), 50 times
# in a row, at 100x30 and at 80x24. After every paste and Enter the browser must still be
# running and must have landed on the paper the title names; bursts that are cancelled,
# edited and pasted again in the middle of a search must not end it either. At the end it
# quits with status 0 and leaves the terminal as it was.
#   tmux_paste.sh BINARY
set -u
bin=$1
if ! command -v tmux >/dev/null; then
    echo "SKIP: tmux is not installed"
    exit 77
fi
. "$(dirname "$0")/../lib/tmux.sh"

# paper title : the short name the browser must land on (the built-in timeline)
papers=(
    "ImageNet Classification with Deep Convolutional Neural Networks:AlexNet"
    "Attention Is All You Need:Transformer"
    "Deep Residual Learning for Image Recognition:ResNet"
    "Generative Adversarial Nets:GAN"
    "Learning representations by back-propagating errors:Backpropagation"
    "Language Models are Few-Shot Learners:GPT-3"
    "Denoising Diffusion Probabilistic Models:DDPM"
    "Mastering the game of Go with deep neural networks and tree search:AlphaGo"
    "Sequence to Sequence Learning with Neural Networks:Seq2Seq"
    "Training language models to follow instructions with human feedback:InstructGPT"
)

paste_round() { # paste_round W H
    start_shell "$1" "$2"
    type_line "$bin --no-state; echo rc=\$?"
    check "$1x$2: launch" ' 1 of [0-9]+ '
    local i entry title want
    for ((i = 0; i < 50; i++)); do
        entry=${papers[i % ${#papers[@]}]}
        title=${entry%:*} want=${entry##*:}
        keys /
        T send-keys -t e2e -l "$title"
        keys Enter
        # the selected row (▶) is the paper; the browser is still there
        check "$1x$2 paste $i: lands on $want" "▶[0-9-]+ +$want( |$)" 5
        if screen | grep -q 'rc='; then
            echo "FAIL: $1x$2 paste $i: the browser ended"
            screen | sed 's/^/    | /'
            fail=$((fail + 1))
            return
        fi
    done
    # bursts cut short: a paste, Esc, a paste, editing keys in the middle, Enter
    for ((i = 0; i < 10; i++)); do
        keys /
        T send-keys -t e2e -l "${papers[i]%:*}"
        keys Escape /
        T send-keys -t e2e -l "${papers[(i + 1) % ${#papers[@]}]%:*}"
        keys C-w C-w C-u
        T send-keys -t e2e -l "${papers[(i + 2) % ${#papers[@]}]%:*}"
        keys Enter
    done
    want=${papers[(9 + 2) % ${#papers[@]}]##*:}
    check "$1x$2: after the cut bursts, lands on $want" "▶[0-9-]+ +$want( |$)" 5
    keys q
    check "$1x$2: quits with 0" 'rc=0'
    shell_ok "$1x$2"
}

paste_round 100 30
paste_round 80 24
echo "tmux paste: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
