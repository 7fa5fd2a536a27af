#!/bin/sh
# Rebuild src/returnbus/data/fonts/NotoSansSC-Regular.otf: a subset of Noto
# Sans CJK SC (SIL OFL 1.1) with ASCII, Latin-1, punctuation, arrows, shapes
# and the 8,105 characters of the 通用规范汉字表, without layout features
# (plain PDF text does not use them), for the PDF papers.
# Needs Debian's fonts-noto-cjk and unicode-data packages and `pip install fonttools`.
set -eu
work=$(mktemp -d)
(cd "$work" && apt-get download fonts-noto-cjk && dpkg-deb -x fonts-noto-cjk_*.deb ext)
source="$work/ext/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"   # face 2: SC
# 通用规范汉字表 (8,105 characters) from the Unihan kTGH field.
bzcat /usr/share/unicode/Unihan_OtherMappings.txt.bz2 \
  | awk -F'\t' '$1 ~ /^U\+/ && $2 == "kTGH" {print $1}' | sort -u \
  | python3 -c 'import sys; print("".join(chr(int(c[2:], 16)) for c in sys.stdin.read().split()), end="")' \
  > "$work/tgh.txt"
pyftsubset "$source" --font-number=2 --layout-features= '--name-IDs=*' '--name-languages=*' \
  --notdef-outline --drop-tables+=BASE \
  --unicodes=U+0020-007E,U+00A0-00FF,U+2000-206F,U+2190-21FF,U+2460-24FF,U+25A0-25FF,U+3000-303F,U+FF00-FFEF \
  --text-file="$work/tgh.txt" \
  --output-file="$(dirname "$0")/../src/returnbus/data/fonts/NotoSansSC-Regular.otf"
rm -rf "$work"
