;; The histogram builder's inner loops (HistogramBuilder.buildDense, one channel), in
;; WebAssembly text, compiled at build time by scripts/buildKernels.js.
;;
;; Why not TypeScript: the same loop in V8-compiled JavaScript measured 5-6.5 ns per
;; (row, feature) update against 1.6-2.5 ns here (40,000 rows x 20 features, this 2-core
;; machine): every typed-array access in JavaScript carries a bounds check and a tag
;; check that WebAssembly's guard pages make unnecessary.
;;
;; Layout, as in HistogramBuilder: a histogram holds 256 bins per feature, 3 float64 per
;; bin (gradient, hessian, count) = 6144 bytes per feature. `rowBins` is row-major
;; (rowBins[row * width + feature]). Rows are added in sample order, so the sums equal
;; the JavaScript builder's bit for bit. All pointers are byte offsets into the memory
;; the caller imports; `sample` holds the node's row indices (int32).
(module
  (import "env" "memory" (memory 1))

  ;; Gradient, hessian and count per bin: `hess[row]` is the row's hessian; the count is
  ;; `counts[row]` when `useCounts` is 1, else 1.
  (func (export "dense3")
    (param $hist i32) (param $sample i32) (param $n i32) (param $rowBins i32) (param $width i32)
    (param $grad i32) (param $hess i32) (param $counts i32) (param $useCounts i32)
    (local $i i32) (local $row i32) (local $g f64) (local $h f64) (local $c f64) (local $gh v128)
    (local $p i32) (local $pend i32) (local $pwide i32) (local $base i32)
    (local $a i32) (local $b i32) (local $x i32) (local $d i32)
    (block $done
      (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
      (loop $rows
        (local.set $row (i32.load (i32.add (local.get $sample) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $g (f64.load (i32.add (local.get $grad) (i32.shl (local.get $row) (i32.const 3)))))
        (local.set $h (f64.load (i32.add (local.get $hess) (i32.shl (local.get $row) (i32.const 3)))))
        (local.set $c
          (select
            (f64.load (i32.add (local.get $counts) (i32.shl (local.get $row) (i32.const 3))))
            (f64.const 1)
            (local.get $useCounts)))
        ;; Gradient and hessian side by side, as a bin holds them: one vector add per bin.
        (local.set $gh (f64x2.replace_lane 1 (f64x2.splat (local.get $g)) (local.get $h)))
        (local.set $p (i32.add (local.get $rowBins) (i32.mul (local.get $row) (local.get $width))))
        (local.set $pend (i32.add (local.get $p) (local.get $width)))
        (local.set $pwide (i32.sub (local.get $pend) (i32.and (local.get $width) (i32.const 3))))
        (local.set $base (local.get $hist))
        ;; Four features per step: four independent read-add-write chains in four histograms.
        (block $wideDone
          (br_if $wideDone (i32.ge_u (local.get $p) (local.get $pwide)))
          (loop $wide
            (local.set $a (i32.add (local.get $base) (i32.mul (i32.load8_u offset=0 (local.get $p)) (i32.const 24))))
            (local.set $b (i32.add (local.get $base) (i32.mul (i32.load8_u offset=1 (local.get $p)) (i32.const 24))))
            (local.set $x (i32.add (local.get $base) (i32.mul (i32.load8_u offset=2 (local.get $p)) (i32.const 24))))
            (local.set $d (i32.add (local.get $base) (i32.mul (i32.load8_u offset=3 (local.get $p)) (i32.const 24))))
            (v128.store offset=0 (local.get $a) (f64x2.add (v128.load offset=0 (local.get $a)) (local.get $gh)))
            (f64.store offset=16 (local.get $a) (f64.add (f64.load offset=16 (local.get $a)) (local.get $c)))
            (v128.store offset=6144 (local.get $b) (f64x2.add (v128.load offset=6144 (local.get $b)) (local.get $gh)))
            (f64.store offset=6160 (local.get $b) (f64.add (f64.load offset=6160 (local.get $b)) (local.get $c)))
            (v128.store offset=12288 (local.get $x) (f64x2.add (v128.load offset=12288 (local.get $x)) (local.get $gh)))
            (f64.store offset=12304 (local.get $x) (f64.add (f64.load offset=12304 (local.get $x)) (local.get $c)))
            (v128.store offset=18432 (local.get $d) (f64x2.add (v128.load offset=18432 (local.get $d)) (local.get $gh)))
            (f64.store offset=18448 (local.get $d) (f64.add (f64.load offset=18448 (local.get $d)) (local.get $c)))
            (local.set $base (i32.add (local.get $base) (i32.const 24576)))
            (local.set $p (i32.add (local.get $p) (i32.const 4)))
            (br_if $wide (i32.lt_u (local.get $p) (local.get $pwide)))))
        (block $tailDone
          (br_if $tailDone (i32.ge_u (local.get $p) (local.get $pend)))
          (loop $tail
            (local.set $a (i32.add (local.get $base) (i32.mul (i32.load8_u (local.get $p)) (i32.const 24))))
            (v128.store offset=0 (local.get $a) (f64x2.add (v128.load offset=0 (local.get $a)) (local.get $gh)))
            (f64.store offset=16 (local.get $a) (f64.add (f64.load offset=16 (local.get $a)) (local.get $c)))
            (local.set $base (i32.add (local.get $base) (i32.const 6144)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br_if $tail (i32.lt_u (local.get $p) (local.get $pend)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $rows (i32.lt_s (local.get $i) (local.get $n))))))

  ;; Gradient and count per bin, the hessian slot left alone (the caller copies the count
  ;; into it): for squared error and forests, where every hessian equals the count.
  (func (export "dense2")
    (param $hist i32) (param $sample i32) (param $n i32) (param $rowBins i32) (param $width i32)
    (param $grad i32) (param $counts i32) (param $useCounts i32)
    (local $i i32) (local $row i32) (local $g f64) (local $c f64)
    (local $p i32) (local $pend i32) (local $pwide i32) (local $base i32)
    (local $a i32) (local $b i32) (local $x i32) (local $d i32)
    (block $done
      (br_if $done (i32.le_s (local.get $n) (i32.const 0)))
      (loop $rows
        (local.set $row (i32.load (i32.add (local.get $sample) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $g (f64.load (i32.add (local.get $grad) (i32.shl (local.get $row) (i32.const 3)))))
        (local.set $c
          (select
            (f64.load (i32.add (local.get $counts) (i32.shl (local.get $row) (i32.const 3))))
            (f64.const 1)
            (local.get $useCounts)))
        (local.set $p (i32.add (local.get $rowBins) (i32.mul (local.get $row) (local.get $width))))
        (local.set $pend (i32.add (local.get $p) (local.get $width)))
        (local.set $pwide (i32.sub (local.get $pend) (i32.and (local.get $width) (i32.const 3))))
        (local.set $base (local.get $hist))
        (block $wideDone
          (br_if $wideDone (i32.ge_u (local.get $p) (local.get $pwide)))
          (loop $wide
            (local.set $a (i32.add (local.get $base) (i32.mul (i32.load8_u offset=0 (local.get $p)) (i32.const 24))))
            (local.set $b (i32.add (local.get $base) (i32.mul (i32.load8_u offset=1 (local.get $p)) (i32.const 24))))
            (local.set $x (i32.add (local.get $base) (i32.mul (i32.load8_u offset=2 (local.get $p)) (i32.const 24))))
            (local.set $d (i32.add (local.get $base) (i32.mul (i32.load8_u offset=3 (local.get $p)) (i32.const 24))))
            (f64.store offset=0 (local.get $a) (f64.add (f64.load offset=0 (local.get $a)) (local.get $g)))
            (f64.store offset=16 (local.get $a) (f64.add (f64.load offset=16 (local.get $a)) (local.get $c)))
            (f64.store offset=6144 (local.get $b) (f64.add (f64.load offset=6144 (local.get $b)) (local.get $g)))
            (f64.store offset=6160 (local.get $b) (f64.add (f64.load offset=6160 (local.get $b)) (local.get $c)))
            (f64.store offset=12288 (local.get $x) (f64.add (f64.load offset=12288 (local.get $x)) (local.get $g)))
            (f64.store offset=12304 (local.get $x) (f64.add (f64.load offset=12304 (local.get $x)) (local.get $c)))
            (f64.store offset=18432 (local.get $d) (f64.add (f64.load offset=18432 (local.get $d)) (local.get $g)))
            (f64.store offset=18448 (local.get $d) (f64.add (f64.load offset=18448 (local.get $d)) (local.get $c)))
            (local.set $base (i32.add (local.get $base) (i32.const 24576)))
            (local.set $p (i32.add (local.get $p) (i32.const 4)))
            (br_if $wide (i32.lt_u (local.get $p) (local.get $pwide)))))
        (block $tailDone
          (br_if $tailDone (i32.ge_u (local.get $p) (local.get $pend)))
          (loop $tail
            (local.set $a (i32.add (local.get $base) (i32.mul (i32.load8_u (local.get $p)) (i32.const 24))))
            (f64.store offset=0 (local.get $a) (f64.add (f64.load offset=0 (local.get $a)) (local.get $g)))
            (f64.store offset=16 (local.get $a) (f64.add (f64.load offset=16 (local.get $a)) (local.get $c)))
            (local.set $base (i32.add (local.get $base) (i32.const 6144)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br_if $tail (i32.lt_u (local.get $p) (local.get $pend)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $rows (i32.lt_s (local.get $i) (local.get $n))))))

  ;; The split search over one feature's dense histogram (SplitFinder, one channel): bins
  ;; 0…used-1 left to right, missing values (bin 255) kept on the right. The same float64
  ;; operations in the same order as the JavaScript scan, so the same split wins. Returns
  ;; the best bin whose gain exceeds `bestGain`, or -1; for a found bin writes its gain
  ;; and left sums (gradient, hessian, count) as four float64 at `out`.
  (func (export "scan1")
    (param $hist i32) (param $used i32) (param $g f64) (param $h f64) (param $n f64)
    (param $l2 f64) (param $minLeaf f64) (param $minHessian f64) (param $parentScore f64)
    (param $bestGain f64) (param $out i32) (result i32)
    (local $i i32) (local $slot i32) (local $count f64) (local $leftG f64) (local $leftH f64)
    (local $leftN f64) (local $rightG f64) (local $rightH f64) (local $gain f64) (local $best i32)
    (local.set $best (i32.const -1))
    (local.set $slot (local.get $hist))
    (block $done
      (br_if $done (i32.le_s (local.get $used) (i32.const 0)))
      (loop $bins
        (br_if $done (i32.eq (local.get $i) (i32.const 255)))
        (local.set $count (f64.load offset=16 (local.get $slot)))
        (block $next
          (br_if $next (f64.eq (local.get $count) (f64.const 0)))
          (local.set $leftG (f64.add (local.get $leftG) (f64.load offset=0 (local.get $slot))))
          (local.set $leftH (f64.add (local.get $leftH) (f64.load offset=8 (local.get $slot))))
          (local.set $leftN (f64.add (local.get $leftN) (local.get $count)))
          (br_if $next (f64.lt (local.get $leftN) (local.get $minLeaf)))
          (br_if $done (f64.lt (f64.sub (local.get $n) (local.get $leftN)) (local.get $minLeaf)))
          (local.set $rightH (f64.sub (local.get $h) (local.get $leftH)))
          (br_if $next (f64.lt (local.get $leftH) (local.get $minHessian)))
          (br_if $next (f64.lt (local.get $rightH) (local.get $minHessian)))
          (local.set $rightG (f64.sub (local.get $g) (local.get $leftG)))
          (local.set $gain
            (f64.sub
              (f64.add
                (f64.div (f64.mul (local.get $leftG) (local.get $leftG)) (f64.add (local.get $leftH) (local.get $l2)))
                (f64.div (f64.mul (local.get $rightG) (local.get $rightG)) (f64.add (local.get $rightH) (local.get $l2))))
              (local.get $parentScore)))
          (br_if $next (i32.eqz (f64.gt (local.get $gain) (local.get $bestGain))))
          (local.set $bestGain (local.get $gain))
          (local.set $best (local.get $i))
          (f64.store offset=0 (local.get $out) (local.get $gain))
          (f64.store offset=8 (local.get $out) (local.get $leftG))
          (f64.store offset=16 (local.get $out) (local.get $leftH))
          (f64.store offset=24 (local.get $out) (local.get $leftN)))
        (local.set $slot (i32.add (local.get $slot) (i32.const 24)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $bins (i32.lt_s (local.get $i) (local.get $used)))))
    (local.get $best))

  ;; `parent[i] -= child[i]` for `count` float64 from the two byte offsets (HistogramBuilder.subtract),
  ;; two at a time.
  (func (export "subtract") (param $parent i32) (param $child i32) (param $count i32)
    (local $end i32) (local $pairsEnd i32)
    (local.set $end (i32.add (local.get $parent) (i32.shl (local.get $count) (i32.const 3))))
    (local.set $pairsEnd (i32.sub (local.get $end) (i32.shl (i32.and (local.get $count) (i32.const 1)) (i32.const 3))))
    (block $pairsDone
      (br_if $pairsDone (i32.ge_u (local.get $parent) (local.get $pairsEnd)))
      (loop $pairs
        (v128.store (local.get $parent) (f64x2.sub (v128.load (local.get $parent)) (v128.load (local.get $child))))
        (local.set $parent (i32.add (local.get $parent) (i32.const 16)))
        (local.set $child (i32.add (local.get $child) (i32.const 16)))
        (br_if $pairs (i32.lt_u (local.get $parent) (local.get $pairsEnd)))))
    (if (i32.lt_u (local.get $parent) (local.get $end))
      (then
        (f64.store (local.get $parent) (f64.sub (f64.load (local.get $parent)) (f64.load (local.get $child)))))))

  ;; The hessian of each of `bins` bins from byte offset `at` set to its count (one channel, 3
  ;; float64 per bin): after dense2, for losses whose hessian is the count.
  (func (export "countsAsHessians") (param $at i32) (param $bins i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $at) (i32.mul (local.get $bins) (i32.const 24))))
    (block $done
      (br_if $done (i32.le_s (local.get $bins) (i32.const 0)))
      (loop $each
        (f64.store offset=8 (local.get $at) (f64.load offset=16 (local.get $at)))
        (local.set $at (i32.add (local.get $at) (i32.const 24)))
        (br_if $each (i32.lt_u (local.get $at) (local.get $end))))))

  ;; One feature's histogram over a node's rows and its best split, for nodes without a dense
  ;; histogram (SplitFinder with HistogramBuilder.buildSparse, one channel): sums the rows
  ;; into the bins of `buf` (256 bins x 3 float64, all zeros on entry and on return) and marks
  ;; them in the 256-bit `bitmap` (zero on entry and on return), scans the touched bins in
  ;; ascending order as scan1 does, then clears both. The hessian of a bin is its count when
  ;; `withHess` is 0. Returns the best bin or -1 (its gain and left sums at `out`, as scan1),
  ;; and writes the number of bins touched as an int32 at `out + 32`.
  (func (export "sparse1")
    (param $sample i32) (param $n i32) (param $rowBins i32) (param $width i32) (param $feature i32)
    (param $grad i32) (param $hess i32) (param $counts i32) (param $useCounts i32) (param $withHess i32)
    (param $buf i32) (param $bitmap i32)
    (param $g f64) (param $h f64) (param $total f64) (param $l2 f64) (param $minLeaf f64)
    (param $minHessian f64) (param $parentScore f64) (param $bestGain f64) (param $out i32) (result i32)
    (local $i i32) (local $row i32) (local $bin i32) (local $slot i32) (local $word i32) (local $bits i32)
    (local $used i32) (local $best i32) (local $scanning i32) (local $c f64) (local $count f64)
    (local $leftG f64) (local $leftH f64) (local $leftN f64) (local $rightG f64) (local $rightH f64)
    (local $gain f64) (local $binH f64)
    ;; Sum the rows into their bins.
    (block $summed
      (br_if $summed (i32.le_s (local.get $n) (i32.const 0)))
      (loop $rows
        (local.set $row (i32.load (i32.add (local.get $sample) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $bin
          (i32.load8_u
            (i32.add (local.get $rowBins) (i32.add (i32.mul (local.get $row) (local.get $width)) (local.get $feature)))))
        (local.set $word (i32.add (local.get $bitmap) (i32.shl (i32.shr_u (local.get $bin) (i32.const 5)) (i32.const 2))))
        (i32.store (local.get $word)
          (i32.or (i32.load (local.get $word)) (i32.shl (i32.const 1) (i32.and (local.get $bin) (i32.const 31)))))
        (local.set $slot (i32.add (local.get $buf) (i32.mul (local.get $bin) (i32.const 24))))
        (local.set $c
          (select
            (f64.load (i32.add (local.get $counts) (i32.shl (local.get $row) (i32.const 3))))
            (f64.const 1)
            (local.get $useCounts)))
        (f64.store offset=0 (local.get $slot)
          (f64.add (f64.load offset=0 (local.get $slot))
            (f64.load (i32.add (local.get $grad) (i32.shl (local.get $row) (i32.const 3))))))
        (if (local.get $withHess)
          (then
            (f64.store offset=8 (local.get $slot)
              (f64.add (f64.load offset=8 (local.get $slot))
                (f64.load (i32.add (local.get $hess) (i32.shl (local.get $row) (i32.const 3))))))))
        (f64.store offset=16 (local.get $slot) (f64.add (f64.load offset=16 (local.get $slot)) (local.get $c)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $rows (i32.lt_s (local.get $i) (local.get $n)))))
    ;; Scan the touched bins in ascending order (bit by bit of the bitmap), clearing as it goes.
    (local.set $best (i32.const -1))
    (local.set $scanning (i32.const 1))
    (local.set $word (i32.const 0))
    (loop $words
      (local.set $bits (i32.load (i32.add (local.get $bitmap) (i32.shl (local.get $word) (i32.const 2)))))
      (i32.store (i32.add (local.get $bitmap) (i32.shl (local.get $word) (i32.const 2))) (i32.const 0))
      (block $wordDone
        (loop $bitsLoop
          (br_if $wordDone (i32.eqz (local.get $bits)))
          (local.set $bin (i32.add (i32.shl (local.get $word) (i32.const 5)) (i32.ctz (local.get $bits))))
          (local.set $bits (i32.and (local.get $bits) (i32.sub (local.get $bits) (i32.const 1))))
          (local.set $used (i32.add (local.get $used) (i32.const 1)))
          (local.set $slot (i32.add (local.get $buf) (i32.mul (local.get $bin) (i32.const 24))))
          (local.set $count (f64.load offset=16 (local.get $slot)))
          (local.set $binH (select (f64.load offset=8 (local.get $slot)) (local.get $count) (local.get $withHess)))
          (block $next
            (br_if $next (i32.eqz (local.get $scanning)))
            (if (i32.eq (local.get $bin) (i32.const 255))
              (then (local.set $scanning (i32.const 0)) (br $next)))
            (br_if $next (f64.eq (local.get $count) (f64.const 0)))
            (local.set $leftG (f64.add (local.get $leftG) (f64.load offset=0 (local.get $slot))))
            (local.set $leftH (f64.add (local.get $leftH) (local.get $binH)))
            (local.set $leftN (f64.add (local.get $leftN) (local.get $count)))
            (br_if $next (f64.lt (local.get $leftN) (local.get $minLeaf)))
            (if (f64.lt (f64.sub (local.get $total) (local.get $leftN)) (local.get $minLeaf))
              (then (local.set $scanning (i32.const 0)) (br $next)))
            (local.set $rightH (f64.sub (local.get $h) (local.get $leftH)))
            (br_if $next (f64.lt (local.get $leftH) (local.get $minHessian)))
            (br_if $next (f64.lt (local.get $rightH) (local.get $minHessian)))
            (local.set $rightG (f64.sub (local.get $g) (local.get $leftG)))
            (local.set $gain
              (f64.sub
                (f64.add
                  (f64.div (f64.mul (local.get $leftG) (local.get $leftG)) (f64.add (local.get $leftH) (local.get $l2)))
                  (f64.div (f64.mul (local.get $rightG) (local.get $rightG)) (f64.add (local.get $rightH) (local.get $l2))))
                (local.get $parentScore)))
            (br_if $next (i32.eqz (f64.gt (local.get $gain) (local.get $bestGain))))
            (local.set $bestGain (local.get $gain))
            (local.set $best (local.get $bin))
            (f64.store offset=0 (local.get $out) (local.get $gain))
            (f64.store offset=8 (local.get $out) (local.get $leftG))
            (f64.store offset=16 (local.get $out) (local.get $leftH))
            (f64.store offset=24 (local.get $out) (local.get $leftN)))
          (f64.store offset=0 (local.get $slot) (f64.const 0))
          (f64.store offset=8 (local.get $slot) (f64.const 0))
          (f64.store offset=16 (local.get $slot) (f64.const 0))
          (br $bitsLoop)))
      (local.set $word (i32.add (local.get $word) (i32.const 1)))
      (br_if $words (i32.lt_u (local.get $word) (i32.const 8))))
    (i32.store offset=32 (local.get $out) (local.get $used))
    (local.get $best))

  ;; Stable in-place partition of the row indices `sample[start…end)` (TreeGrower.partition):
  ;; rows whose bin of `feature` is ≤ `bin` first, the others after them in their order.
  ;; Branch-free (the side is a coin flip to the processor): each row is written to both
  ;; places and only its side's cursor moves; `write` never passes the row being read.
  ;; `spill` is scratch room for the right side. Returns the index of the first right row.
  (func (export "partition")
    (param $sample i32) (param $start i32) (param $end i32) (param $rowBins i32) (param $width i32)
    (param $feature i32) (param $bin i32) (param $spill i32) (result i32)
    (local $i i32) (local $row i32) (local $left i32) (local $write i32) (local $spilled i32)
    (local.set $i (local.get $start))
    (local.set $write (local.get $start))
    (block $done
      (br_if $done (i32.ge_s (local.get $i) (local.get $end)))
      (loop $rows
        (local.set $row (i32.load (i32.add (local.get $sample) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $left
          (i32.le_u
            (i32.load8_u
              (i32.add (local.get $rowBins) (i32.add (i32.mul (local.get $row) (local.get $width)) (local.get $feature))))
            (local.get $bin)))
        (i32.store (i32.add (local.get $sample) (i32.shl (local.get $write) (i32.const 2))) (local.get $row))
        (i32.store (i32.add (local.get $spill) (i32.shl (local.get $spilled) (i32.const 2))) (local.get $row))
        (local.set $write (i32.add (local.get $write) (local.get $left)))
        (local.set $spilled (i32.add (local.get $spilled) (i32.xor (local.get $left) (i32.const 1))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $rows (i32.lt_s (local.get $i) (local.get $end)))))
    (memory.copy
      (i32.add (local.get $sample) (i32.shl (local.get $write) (i32.const 2)))
      (local.get $spill)
      (i32.shl (local.get $spilled) (i32.const 2)))
    (local.get $write))
)
