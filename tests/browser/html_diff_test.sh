#!/usr/bin/env bash
# `warrant diff --format html` in a real headless browser (Debian's chromium): the page renders
# in the browser and shows the changes, the claim ranges and their timelines, and loads nothing
# from outside. Run from the project folder:
#   bash tests/browser/html_diff_test.sh [path/to/warrant] [folder for screenshots]
# Chinese text must render as Chinese, not as boxes: the page's font stack names a CJK font and
# a screenshot of Chinese in that stack differs from one of as many missing glyphs (boxes).
# Prints one line "N passed, N failed" and exits non-zero if any check failed.
set -u

warrant="${1:-build/warrant}"
artifacts="${2:-}"
browser="$(command -v chromium || command -v chromium-browser || true)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

check() {  # check DESCRIPTION COMMAND...
    local what="$1"
    shift
    if "$@"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAILED: $what" >&2
    fi
}

contains() { grep -qF -- "$2" "$1"; }
lacks() { ! grep -qiE -- "$2" "$1"; }

# render NAME: the golden pair's HTML report, its DOM after the browser ran, and a screenshot.
render() {
    local name="$1" expected_exit="$2" dir="tests/golden/diff/$1"
    "$warrant" diff --format html "$dir/old.policy" "$dir/new.policy" > "$work/$name.html"
    local code=$?
    check "$name: exit code $expected_exit" test "$code" -eq "$expected_exit"
    check "$name: self-contained (no external resources)" lacks "$work/$name.html" '<link|<script|<img|<iframe|@import|url\(|src='
    [ -n "$browser" ] || return
    local flags=(--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update
                 --disable-sync --no-first-run --user-data-dir="$work/profile-$name")
    timeout 120 "$browser" "${flags[@]}" --dump-dom "file://$work/$name.html" > "$work/$name.dom" 2> "$work/$name.log"
    check "$name: the browser renders the page" test -s "$work/$name.dom"
    timeout 120 "$browser" "${flags[@]}" --hide-scrollbars --window-size=1100,1600 --screenshot="$work/$name.png" \
        "file://$work/$name.html" > /dev/null 2>> "$work/$name.log"
    # A blank page compresses to a few kilobytes; text, tables and timelines do not.
    check "$name: the screenshot shows a page" test "$(stat -c %s "$work/$name.png" 2> /dev/null || echo 0)" -gt 30000
    if [ -n "${KEEP_SCREENSHOTS:-}" ]; then cp "$work/$name.png" "$work/$name.html" "$KEEP_SCREENSHOTS/"; fi
    if [ -n "$artifacts" ]; then cp "$work/$name.png" "$artifacts/$name.png"; fi
}

# cjk_check: the report's own style, one heading of Chinese, and the same heading as glyphs no
# font has (U+0378, unassigned: the browser draws its missing-glyph box). With a CJK font the
# two screenshots differ; without one, both are rows of identical boxes.
cjk_check() {
    local report="$1" style
    style="$(sed -n '/<style>/,/<\/style>/p' "$report")"
    check "the page's font stack names a CJK font" contains "$report" '"Noto Sans CJK TC"'
    if command -v fc-match > /dev/null; then
        check "the CJK font in the stack is installed (fonts-noto-cjk)" \
            bash -c 'fc-match "Noto Sans CJK TC" family | grep -q "CJK"'
    fi
    [ -n "$browser" ] || return
    local page
    for page in chinese boxes blank; do
        local text=""
        [ "$page" = chinese ] && text="小米香港售後政策"
        [ "$page" = boxes ] && text="$(printf '\u0378%.0s' 1 2 3 4 5 6 7 8)"
        printf '<!doctype html><meta charset="utf-8">%s<body><h1>%s</h1></body>\n' "$style" "$text" > "$work/cjk-$page.html"
        timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
            --disable-sync --no-first-run --user-data-dir="$work/profile-cjk-$page" --hide-scrollbars --window-size=700,160 \
            --screenshot="$work/cjk-$page.png" "file://$work/cjk-$page.html" > /dev/null 2>> "$work/cjk.log"
    done
    check "CJK screenshots taken" test -s "$work/cjk-chinese.png" -a -s "$work/cjk-boxes.png" -a -s "$work/cjk-blank.png"
    check "Chinese renders as glyphs, not as missing-glyph boxes" bash -c "! cmp -s '$work/cjk-chinese.png' '$work/cjk-boxes.png'"
    check "the boxes themselves render (the comparison means something)" bash -c "! cmp -s '$work/cjk-boxes.png' '$work/cjk-blank.png'"
    check "Chinese renders at all" bash -c "! cmp -s '$work/cjk-chinese.png' '$work/cjk-blank.png'"
    if [ -n "$artifacts" ]; then cp "$work/cjk-chinese.png" "$work/cjk-boxes.png" "$artifacts/"; fi
}

check "chromium is installed (apt-get install -y chromium)" test -n "$browser"
[ -n "$artifacts" ] && mkdir -p "$artifacts"
check "warrant is built at $warrant" test -x "$warrant"

# The HK policy against its revision: one model added, one period changed.
render hk_revision 1
dom="$work/hk_revision.dom"
if [ -f "$dom" ]; then
    check "hk: summary" contains "$dom" "answers differ: 2 changes of meaning, 0 of wording only, 3 claim ranges answered differently"
    check "hk: model added" contains "$dom" "model added: Xiaomi 16 (series xiaomi_16, new)"
    check "hk: period changed" contains "$dom" "Xiaomi 11T and Xiaomi 11T Pro · charger: 12 months → 24 months"
    check "hk: grouped by model" contains "$dom" "<h3>Xiaomi 11T and Xiaomi 11T Pro · charger</h3>"
    check "hk: claim range" contains "$dom" "claims 366–730 days after purchase (more than 12 months and at most 24 months after purchase)"
    check "hk: verdict change" contains "$dom" "paid_repair → free_replacement"
    check "hk: warranty change" contains "$dom" "until purchase + 12 months → until purchase + 24 months"
    check "hk: witness" contains "$dom" '{"model":"Xiaomi 11T","part":"charger","purchased":"2025-12-01","claimed":"2026-12-02"}'
    check "hk: timeline drawn" contains "$dom" 'aria-label="claim ranges of Xiaomi 11T and Xiaomi 11T Pro · charger on a timeline of days after purchase"'
    check "hk: timeline axis" contains "$dom" "days after purchase</text>"
    check "hk: Chinese title" contains "$dom" "小米香港 手機類產品售後政策"
fi
cjk_check "$work/hk_revision.html"

# Small policies: periods, end-of-service dates on the timeline.
render periods 1
dom="$work/periods.dom"
if [ -f "$dom" ]; then
    check "periods: period change" contains "$dom" "Alpha 1 · device: 24 months → 36 months"
    check "periods: range" contains "$dom" "claims 731–1095 days after purchase"
    check "periods: several timelines" test "$(grep -c '<svg' "$dom")" -ge 4
fi

# Two versions answered alike: the page says so.
render no_change_in_form 0
dom="$work/no_change_in_form.dom"
if [ -f "$dom" ]; then
    check "alike: summary" contains "$dom" "every query is answered alike"
    check "alike: wording shown apart" contains "$dom" "Changes of wording only"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
