# sample_capture DIR SIDE: the capture argument of a sample pair, e.g.
# samples/x/before.tif or samples/x/before.png,samples/x/before_B08.png (band files).
sample_capture() {
  local dir=$1 side=$2 main="" extra=""
  for f in "$dir$side".tif "$dir$side".png; do [ -f "$f" ] && main=$f; done
  for f in "$dir$side"_B*.tif "$dir$side"_B*.png; do [ -f "$f" ] && extra="$extra,$f"; done
  echo "$main$extra"
}
