;; The forest walks of TreeEnsemblePredictor.addTo for trees with one output and rows
;; without missing values: one row over every tree (walkRow, and walkRow16 for large
;; forests), and one tree over a batch of rows (walkRows); in WebAssembly text, compiled at build time by
;; scripts/buildKernels.js.
;;
;; Why not TypeScript: the same branch-free lockstep walk in V8-compiled JavaScript took
;; 8.6-9.8 us per row on the churn forest (100 trees, 114,000 nodes) against 4.9-5.6 us
;; here, and 7.0 against 3.6 us on the fraud forest (this 2-core machine): each of its four
;; typed-array reads per step carries a bounds check that WebAssembly's guard pages make
;; unnecessary. Eight trees walk in lockstep so their cache misses overlap (four and sixteen
;; measured slower); WebAssembly text has no macros, so the eight steps are written out.
;;
;; Layout, as TreeEnsemblePredictor's: `nodes` holds 16-byte records in preorder per tree
;; (threshold or leaf output as a float64, then feature and right child as int32; a leaf's
;; feature is negative; the left child is the next record). `roots` holds each tree's root
;; record index (int32), `row` the row's `width` float64 values, none NaN. All pointers are
;; byte offsets into the memory the caller imports.
(module
  (import "env" "memory" (memory 1))

  ;; Walks every tree for the row and returns `acc + scale * leaf` summed tree by tree in
  ;; tree order: the additions the JavaScript walk makes to `out`, in the same order, so the
  ;; result is the same bit for bit. A step goes right when the value is above the threshold.
  (func (export "walkRow")
    (param $nodes i32) (param $roots i32) (param $trees i32) (param $row i32) (param $scale f64) (param $acc f64)
    (result f64)
    (local $r i32) (local $endGroups i32) (local $end i32) (local $p i32) (local $f i32)
    (local $p0 i32) (local $f0 i32) (local $p1 i32) (local $f1 i32) (local $p2 i32) (local $f2 i32) (local $p3 i32) (local $f3 i32) (local $p4 i32) (local $f4 i32) (local $p5 i32) (local $f5 i32) (local $p6 i32) (local $f6 i32) (local $p7 i32) (local $f7 i32)
    (local.set $r (local.get $roots))
    (local.set $end (i32.add (local.get $roots) (i32.shl (local.get $trees) (i32.const 2))))
    (local.set $endGroups (i32.add (local.get $roots) (i32.shl (i32.and (local.get $trees) (i32.const -8)) (i32.const 2))))
    (block $groupsDone
      (br_if $groupsDone (i32.ge_u (local.get $r) (local.get $endGroups)))
      (loop $groups
      (local.set $p0 (i32.add (local.get $nodes) (i32.shl (i32.load offset=0 (local.get $r)) (i32.const 4))))
      (local.set $f0 (i32.load offset=8 (local.get $p0)))
      (local.set $p1 (i32.add (local.get $nodes) (i32.shl (i32.load offset=4 (local.get $r)) (i32.const 4))))
      (local.set $f1 (i32.load offset=8 (local.get $p1)))
      (local.set $p2 (i32.add (local.get $nodes) (i32.shl (i32.load offset=8 (local.get $r)) (i32.const 4))))
      (local.set $f2 (i32.load offset=8 (local.get $p2)))
      (local.set $p3 (i32.add (local.get $nodes) (i32.shl (i32.load offset=12 (local.get $r)) (i32.const 4))))
      (local.set $f3 (i32.load offset=8 (local.get $p3)))
      (local.set $p4 (i32.add (local.get $nodes) (i32.shl (i32.load offset=16 (local.get $r)) (i32.const 4))))
      (local.set $f4 (i32.load offset=8 (local.get $p4)))
      (local.set $p5 (i32.add (local.get $nodes) (i32.shl (i32.load offset=20 (local.get $r)) (i32.const 4))))
      (local.set $f5 (i32.load offset=8 (local.get $p5)))
      (local.set $p6 (i32.add (local.get $nodes) (i32.shl (i32.load offset=24 (local.get $r)) (i32.const 4))))
      (local.set $f6 (i32.load offset=8 (local.get $p6)))
      (local.set $p7 (i32.add (local.get $nodes) (i32.shl (i32.load offset=28 (local.get $r)) (i32.const 4))))
      (local.set $f7 (i32.load offset=8 (local.get $p7)))

        (block $walked
          (loop $steps
            (br_if $walked (i32.lt_s (i32.and (i32.and (i32.and (i32.and (i32.and (i32.and (i32.and (local.get $f0) (local.get $f1)) (local.get $f2)) (local.get $f3)) (local.get $f4)) (local.get $f5)) (local.get $f6)) (local.get $f7)) (i32.const 0)))
      (if (i32.ge_s (local.get $f0) (i32.const 0))
        (then
          (local.set $p0
            (select
              (i32.add (local.get $nodes) (i32.shl (i32.load offset=12 (local.get $p0)) (i32.const 4)))
              (i32.add (local.get $p0) (i32.const 16))
              (f64.gt
                (f64.load (i32.add (local.get $row) (i32.shl (local.get $f0) (i32.const 3))))
                (f64.load (local.get $p0)))))
          (local.set $f0 (i32.load offset=8 (local.get $p0)))))
      (if (i32.ge_s (local.get $f1) (i32.const 0))
        (then
          (local.set $p1
            (select
              (i32.add (local.get $nodes) (i32.shl (i32.load offset=12 (local.get $p1)) (i32.const 4)))
              (i32.add (local.get $p1) (i32.const 16))
              (f64.gt
                (f64.load (i32.add (local.get $row) (i32.shl (local.get $f1) (i32.const 3))))
                (f64.load (local.get $p1)))))
          (local.set $f1 (i32.load offset=8 (local.get $p1)))))
      (if (i32.ge_s (local.get $f2) (i32.const 0))
        (then
          (local.set $p2
            (select
              (i32.add (local.get $nodes) (i32.shl (i32.load offset=12 (local.get $p2)) (i32.const 4)))
              (i32.add (local.get $p2) (i32.const 16))
              (f64.gt
                (f64.load (i32.add (local.get $row) (i32.shl (local.get $f2) (i32.const 3))))
                (f64.load (local.get $p2)))))
          (local.set $f2 (i32.load offset=8 (local.get $p2)))))
      (if (i32.ge_s (local.get $f3) (i32.const 0))
        (then
          (local.set $p3
            (select
              (i32.add (local.get $nodes) (i32.shl (i32.load offset=12 (local.get $p3)) (i32.const 4)))
              (i32.add (local.get $p3) (i32.const 16))
              (f64.gt
                (f64.load (i32.add (local.get $row) (i32.shl (local.get $f3) (i32.const 3))))
                (f64.load (local.get $p3)))))
          (local.set $f3 (i32.load offset=8 (local.get $p3)))))
      (if (i32.ge_s (local.get $f4) (i32.const 0))
        (then
          (local.set $p4
            (select
              (i32.add (local.get $nodes) (i32.shl (i32.load offset=12 (local.get $p4)) (i32.const 4)))
              (i32.add (local.get $p4) (i32.const 16))
              (f64.gt
                (f64.load (i32.add (local.get $row) (i32.shl (local.get $f4) (i32.const 3))))
                (f64.load (local.get $p4)))))
          (local.set $f4 (i32.load offset=8 (local.get $p4)))))
      (if (i32.ge_s (local.get $f5) (i32.const 0))
        (then
          (local.set $p5
            (select
              (i32.add (local.get $nodes) (i32.shl (i32.load offset=12 (local.get $p5)) (i32.const 4)))
              (i32.add (local.get $p5) (i32.const 16))
              (f64.gt
                (f64.load (i32.add (local.get $row) (i32.shl (local.get $f5) (i32.const 3))))
                (f64.load (local.get $p5)))))
          (local.set $f5 (i32.load offset=8 (local.get $p5)))))
      (if (i32.ge_s (local.get $f6) (i32.const 0))
        (then
          (local.set $p6
            (select
              (i32.add (local.get $nodes) (i32.shl (i32.load offset=12 (local.get $p6)) (i32.const 4)))
              (i32.add (local.get $p6) (i32.const 16))
              (f64.gt
                (f64.load (i32.add (local.get $row) (i32.shl (local.get $f6) (i32.const 3))))
                (f64.load (local.get $p6)))))
          (local.set $f6 (i32.load offset=8 (local.get $p6)))))
      (if (i32.ge_s (local.get $f7) (i32.const 0))
        (then
          (local.set $p7
            (select
              (i32.add (local.get $nodes) (i32.shl (i32.load offset=12 (local.get $p7)) (i32.const 4)))
              (i32.add (local.get $p7) (i32.const 16))
              (f64.gt
                (f64.load (i32.add (local.get $row) (i32.shl (local.get $f7) (i32.const 3))))
                (f64.load (local.get $p7)))))
          (local.set $f7 (i32.load offset=8 (local.get $p7)))))

            (br $steps)))
      (local.set $acc (f64.add (local.get $acc) (f64.mul (local.get $scale) (f64.load (local.get $p0)))))
      (local.set $acc (f64.add (local.get $acc) (f64.mul (local.get $scale) (f64.load (local.get $p1)))))
      (local.set $acc (f64.add (local.get $acc) (f64.mul (local.get $scale) (f64.load (local.get $p2)))))
      (local.set $acc (f64.add (local.get $acc) (f64.mul (local.get $scale) (f64.load (local.get $p3)))))
      (local.set $acc (f64.add (local.get $acc) (f64.mul (local.get $scale) (f64.load (local.get $p4)))))
      (local.set $acc (f64.add (local.get $acc) (f64.mul (local.get $scale) (f64.load (local.get $p5)))))
      (local.set $acc (f64.add (local.get $acc) (f64.mul (local.get $scale) (f64.load (local.get $p6)))))
      (local.set $acc (f64.add (local.get $acc) (f64.mul (local.get $scale) (f64.load (local.get $p7)))))

        (local.set $r (i32.add (local.get $r) (i32.const 32)))
        (br_if $groups (i32.lt_u (local.get $r) (local.get $endGroups)))))
    (block $singlesDone
      (br_if $singlesDone (i32.ge_u (local.get $r) (local.get $end)))
      (loop $singles
        (local.set $p (i32.add (local.get $nodes) (i32.shl (i32.load (local.get $r)) (i32.const 4))))
        (local.set $f (i32.load offset=8 (local.get $p)))
        (block $leaf
          (loop $down
            (br_if $leaf (i32.lt_s (local.get $f) (i32.const 0)))
            (local.set $p
              (select
                (i32.add (local.get $nodes) (i32.shl (i32.load offset=12 (local.get $p)) (i32.const 4)))
                (i32.add (local.get $p) (i32.const 16))
                (f64.gt
                  (f64.load (i32.add (local.get $row) (i32.shl (local.get $f) (i32.const 3))))
                  (f64.load (local.get $p)))))
            (local.set $f (i32.load offset=8 (local.get $p)))
            (br $down)))
        (local.set $acc (f64.add (local.get $acc) (f64.mul (local.get $scale) (f64.load (local.get $p)))))
        (local.set $r (i32.add (local.get $r) (i32.const 4)))
        (br_if $singles (i32.lt_u (local.get $r) (local.get $end)))))
    (local.get $acc))
  ;; One tree over many rows (TreeEnsemblePredictor.addTo for a batch without missing
  ;; values, trees with one output): out[r] += scale * leaf for each of the `rows` rows at
  ;; `x` (`rowBytes` apart, float64 values, none NaN), eight rows walking the tree in
  ;; lockstep. The caller walks the trees one after the other over the same rows, so each
  ;; row's sum is made in tree order, as the single-row walk makes it: the same bits.
  ;; (The JavaScript walk of four rows took 6-7 ns per step on a 100-round boosting model.)
  (func (export "walkRows")
    (param $nodes i32) (param $root i32) (param $x i32) (param $rowBytes i32) (param $rows i32) (param $scale f64) (param $out i32)
    (local $start i32) (local $rootF i32) (local $r i32) (local $end i32) (local $endGroups i32) (local $o i32) (local $p i32) (local $f i32) (local $xr i32) (local $p0 i32) (local $f0 i32) (local $x0 i32) (local $p1 i32) (local $f1 i32) (local $x1 i32) (local $p2 i32) (local $f2 i32) (local $x2 i32) (local $p3 i32) (local $f3 i32) (local $x3 i32) (local $p4 i32) (local $f4 i32) (local $x4 i32) (local $p5 i32) (local $f5 i32) (local $x5 i32) (local $p6 i32) (local $f6 i32) (local $x6 i32) (local $p7 i32) (local $f7 i32) (local $x7 i32)
    (local.set $start (i32.add (local.get $nodes) (i32.shl (local.get $root) (i32.const 4))))
    (local.set $rootF (i32.load offset=8 (local.get $start)))
    (local.set $endGroups (i32.and (local.get $rows) (i32.const -8)))
    (local.set $o (local.get $out))
    (local.set $xr (local.get $x))
    (block $groupsDone
      (br_if $groupsDone (i32.ge_u (local.get $r) (local.get $endGroups)))
      (loop $groups
        (local.set $p0 (local.get $start))
        (local.set $f0 (local.get $rootF))
        (local.set $x0 (i32.add (local.get $xr) (i32.mul (local.get $rowBytes) (i32.const 0))))
        (local.set $p1 (local.get $start))
        (local.set $f1 (local.get $rootF))
        (local.set $x1 (i32.add (local.get $xr) (i32.mul (local.get $rowBytes) (i32.const 1))))
        (local.set $p2 (local.get $start))
        (local.set $f2 (local.get $rootF))
        (local.set $x2 (i32.add (local.get $xr) (i32.mul (local.get $rowBytes) (i32.const 2))))
        (local.set $p3 (local.get $start))
        (local.set $f3 (local.get $rootF))
        (local.set $x3 (i32.add (local.get $xr) (i32.mul (local.get $rowBytes) (i32.const 3))))
        (local.set $p4 (local.get $start))
        (local.set $f4 (local.get $rootF))
        (local.set $x4 (i32.add (local.get $xr) (i32.mul (local.get $rowBytes) (i32.const 4))))
        (local.set $p5 (local.get $start))
        (local.set $f5 (local.get $rootF))
        (local.set $x5 (i32.add (local.get $xr) (i32.mul (local.get $rowBytes) (i32.const 5))))
        (local.set $p6 (local.get $start))
        (local.set $f6 (local.get $rootF))
        (local.set $x6 (i32.add (local.get $xr) (i32.mul (local.get $rowBytes) (i32.const 6))))
        (local.set $p7 (local.get $start))
        (local.set $f7 (local.get $rootF))
        (local.set $x7 (i32.add (local.get $xr) (i32.mul (local.get $rowBytes) (i32.const 7))))
        (block $walked
          (loop $steps
            (br_if $walked (i32.lt_s (i32.and (i32.and (i32.and (i32.and (i32.and (i32.and (i32.and (local.get $f0) (local.get $f1)) (local.get $f2)) (local.get $f3)) (local.get $f4)) (local.get $f5)) (local.get $f6)) (local.get $f7)) (i32.const 0)))
            (if (i32.ge_s (local.get $f0) (i32.const 0))
              (then
                (local.set $p0
                  (select
                    (i32.add (local.get $nodes) (i32.shl (i32.load offset=12 (local.get $p0)) (i32.const 4)))
                    (i32.add (local.get $p0) (i32.const 16))
                    (f64.gt
                      (f64.load (i32.add (local.get $x0) (i32.shl (local.get $f0) (i32.const 3))))
                      (f64.load (local.get $p0)))))
                (local.set $f0 (i32.load offset=8 (local.get $p0)))))
            (if (i32.ge_s (local.get $f1) (i32.const 0))
              (then
                (local.set $p1
                  (select
                    (i32.add (local.get $nodes) (i32.shl (i32.load offset=12 (local.get $p1)) (i32.const 4)))
                    (i32.add (local.get $p1) (i32.const 16))
                    (f64.gt
                      (f64.load (i32.add (local.get $x1) (i32.shl (local.get $f1) (i32.const 3))))
                      (f64.load (local.get $p1)))))
                (local.set $f1 (i32.load offset=8 (local.get $p1)))))
            (if (i32.ge_s (local.get $f2) (i32.const 0))
              (then
                (local.set $p2
                  (select
                    (i32.add (local.get $nodes) (i32.shl (i32.load offset=12 (local.get $p2)) (i32.const 4)))
                    (i32.add (local.get $p2) (i32.const 16))
                    (f64.gt
                      (f64.load (i32.add (local.get $x2) (i32.shl (local.get $f2) (i32.const 3))))
                      (f64.load (local.get $p2)))))
                (local.set $f2 (i32.load offset=8 (local.get $p2)))))
            (if (i32.ge_s (local.get $f3) (i32.const 0))
              (then
                (local.set $p3
                  (select
                    (i32.add (local.get $nodes) (i32.shl (i32.load offset=12 (local.get $p3)) (i32.const 4)))
                    (i32.add (local.get $p3) (i32.const 16))
                    (f64.gt
                      (f64.load (i32.add (local.get $x3) (i32.shl (local.get $f3) (i32.const 3))))
                      (f64.load (local.get $p3)))))
                (local.set $f3 (i32.load offset=8 (local.get $p3)))))
            (if (i32.ge_s (local.get $f4) (i32.const 0))
              (then
                (local.set $p4
                  (select
                    (i32.add (local.get $nodes) (i32.shl (i32.load offset=12 (local.get $p4)) (i32.const 4)))
                    (i32.add (local.get $p4) (i32.const 16))
                    (f64.gt
                      (f64.load (i32.add (local.get $x4) (i32.shl (local.get $f4) (i32.const 3))))
                      (f64.load (local.get $p4)))))
                (local.set $f4 (i32.load offset=8 (local.get $p4)))))
            (if (i32.ge_s (local.get $f5) (i32.const 0))
              (then
                (local.set $p5
                  (select
                    (i32.add (local.get $nodes) (i32.shl (i32.load offset=12 (local.get $p5)) (i32.const 4)))
                    (i32.add (local.get $p5) (i32.const 16))
                    (f64.gt
                      (f64.load (i32.add (local.get $x5) (i32.shl (local.get $f5) (i32.const 3))))
                      (f64.load (local.get $p5)))))
                (local.set $f5 (i32.load offset=8 (local.get $p5)))))
            (if (i32.ge_s (local.get $f6) (i32.const 0))
              (then
                (local.set $p6
                  (select
                    (i32.add (local.get $nodes) (i32.shl (i32.load offset=12 (local.get $p6)) (i32.const 4)))
                    (i32.add (local.get $p6) (i32.const 16))
                    (f64.gt
                      (f64.load (i32.add (local.get $x6) (i32.shl (local.get $f6) (i32.const 3))))
                      (f64.load (local.get $p6)))))
                (local.set $f6 (i32.load offset=8 (local.get $p6)))))
            (if (i32.ge_s (local.get $f7) (i32.const 0))
              (then
                (local.set $p7
                  (select
                    (i32.add (local.get $nodes) (i32.shl (i32.load offset=12 (local.get $p7)) (i32.const 4)))
                    (i32.add (local.get $p7) (i32.const 16))
                    (f64.gt
                      (f64.load (i32.add (local.get $x7) (i32.shl (local.get $f7) (i32.const 3))))
                      (f64.load (local.get $p7)))))
                (local.set $f7 (i32.load offset=8 (local.get $p7)))))
            (br $steps)))
        (f64.store offset=0 (local.get $o) (f64.add (f64.load offset=0 (local.get $o)) (f64.mul (local.get $scale) (f64.load (local.get $p0)))))
        (f64.store offset=8 (local.get $o) (f64.add (f64.load offset=8 (local.get $o)) (f64.mul (local.get $scale) (f64.load (local.get $p1)))))
        (f64.store offset=16 (local.get $o) (f64.add (f64.load offset=16 (local.get $o)) (f64.mul (local.get $scale) (f64.load (local.get $p2)))))
        (f64.store offset=24 (local.get $o) (f64.add (f64.load offset=24 (local.get $o)) (f64.mul (local.get $scale) (f64.load (local.get $p3)))))
        (f64.store offset=32 (local.get $o) (f64.add (f64.load offset=32 (local.get $o)) (f64.mul (local.get $scale) (f64.load (local.get $p4)))))
        (f64.store offset=40 (local.get $o) (f64.add (f64.load offset=40 (local.get $o)) (f64.mul (local.get $scale) (f64.load (local.get $p5)))))
        (f64.store offset=48 (local.get $o) (f64.add (f64.load offset=48 (local.get $o)) (f64.mul (local.get $scale) (f64.load (local.get $p6)))))
        (f64.store offset=56 (local.get $o) (f64.add (f64.load offset=56 (local.get $o)) (f64.mul (local.get $scale) (f64.load (local.get $p7)))))
        (local.set $o (i32.add (local.get $o) (i32.const 64)))
        (local.set $xr (i32.add (local.get $xr) (i32.mul (local.get $rowBytes) (i32.const 8))))
        (local.set $r (i32.add (local.get $r) (i32.const 8)))
        (br_if $groups (i32.lt_u (local.get $r) (local.get $endGroups)))))
    (block $singlesDone
      (br_if $singlesDone (i32.ge_u (local.get $r) (local.get $rows)))
      (loop $singles
        (local.set $p (local.get $start))
        (local.set $f (local.get $rootF))
        (block $leaf
          (loop $down
            (br_if $leaf (i32.lt_s (local.get $f) (i32.const 0)))
            (local.set $p
              (select
                (i32.add (local.get $nodes) (i32.shl (i32.load offset=12 (local.get $p)) (i32.const 4)))
                (i32.add (local.get $p) (i32.const 16))
                (f64.gt
                  (f64.load (i32.add (local.get $xr) (i32.shl (local.get $f) (i32.const 3))))
                  (f64.load (local.get $p)))))
            (local.set $f (i32.load offset=8 (local.get $p)))
            (br $down)))
        (f64.store offset=0 (local.get $o) (f64.add (f64.load offset=0 (local.get $o)) (f64.mul (local.get $scale) (f64.load (local.get $p)))))
        (local.set $o (i32.add (local.get $o) (i32.const 8)))
        (local.set $xr (i32.add (local.get $xr) (local.get $rowBytes)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br_if $singles (i32.lt_u (local.get $r) (local.get $rows))))))

  ;; walkRow with sixteen trees in lockstep (the last group with the trees left, so no tree
  ;; walks alone), for forests far larger than a core's L2 cache: there a row's walk waits on
  ;; memory, and sixteen independent paths keep twice as many loads in flight. On the
  ;; housing and friedman1 forests (2.1 and 2.5 million nodes, 33 and 40 MB of records)
  ;; 9 us per row against 12.6-14 us with eight; on forests of 114,000 nodes (churn) it is
  ;; 12 % slower, the extra lanes' work with nothing to wait for. The sum is walkRow's, in
  ;; the same order: lanes hold consecutive trees and are added lane by lane.
  (func (export "walkRow16")
    (param $nodes i32) (param $roots i32) (param $trees i32) (param $row i32) (param $scale f64) (param $acc f64)
    (result f64)
    (local $r i32) (local $end i32) (local $k i32) (local $p0 i32) (local $f0 i32) (local $p1 i32) (local $f1 i32) (local $p2 i32) (local $f2 i32) (local $p3 i32) (local $f3 i32) (local $p4 i32) (local $f4 i32) (local $p5 i32) (local $f5 i32) (local $p6 i32) (local $f6 i32) (local $p7 i32) (local $f7 i32) (local $p8 i32) (local $f8 i32) (local $p9 i32) (local $f9 i32) (local $p10 i32) (local $f10 i32) (local $p11 i32) (local $f11 i32) (local $p12 i32) (local $f12 i32) (local $p13 i32) (local $f13 i32) (local $p14 i32) (local $f14 i32) (local $p15 i32) (local $f15 i32)
    (local.set $r (local.get $roots))
    (local.set $end (i32.add (local.get $roots) (i32.shl (local.get $trees) (i32.const 2))))
    (block $groupsDone
      (br_if $groupsDone (i32.ge_u (local.get $r) (local.get $end)))
      (loop $groups
        (local.set $k (i32.shr_u (i32.sub (local.get $end) (local.get $r)) (i32.const 2)))
        (if (i32.gt_u (local.get $k) (i32.const 0))
          (then
            (local.set $p0 (i32.add (local.get $nodes) (i32.shl (i32.load offset=0 (local.get $r)) (i32.const 4))))
            (local.set $f0 (i32.load offset=8 (local.get $p0))))
          (else (local.set $f0 (i32.const -1))))
        (if (i32.gt_u (local.get $k) (i32.const 1))
          (then
            (local.set $p1 (i32.add (local.get $nodes) (i32.shl (i32.load offset=4 (local.get $r)) (i32.const 4))))
            (local.set $f1 (i32.load offset=8 (local.get $p1))))
          (else (local.set $f1 (i32.const -1))))
        (if (i32.gt_u (local.get $k) (i32.const 2))
          (then
            (local.set $p2 (i32.add (local.get $nodes) (i32.shl (i32.load offset=8 (local.get $r)) (i32.const 4))))
            (local.set $f2 (i32.load offset=8 (local.get $p2))))
          (else (local.set $f2 (i32.const -1))))
        (if (i32.gt_u (local.get $k) (i32.const 3))
          (then
            (local.set $p3 (i32.add (local.get $nodes) (i32.shl (i32.load offset=12 (local.get $r)) (i32.const 4))))
            (local.set $f3 (i32.load offset=8 (local.get $p3))))
          (else (local.set $f3 (i32.const -1))))
        (if (i32.gt_u (local.get $k) (i32.const 4))
          (then
            (local.set $p4 (i32.add (local.get $nodes) (i32.shl (i32.load offset=16 (local.get $r)) (i32.const 4))))
            (local.set $f4 (i32.load offset=8 (local.get $p4))))
          (else (local.set $f4 (i32.const -1))))
        (if (i32.gt_u (local.get $k) (i32.const 5))
          (then
            (local.set $p5 (i32.add (local.get $nodes) (i32.shl (i32.load offset=20 (local.get $r)) (i32.const 4))))
            (local.set $f5 (i32.load offset=8 (local.get $p5))))
          (else (local.set $f5 (i32.const -1))))
        (if (i32.gt_u (local.get $k) (i32.const 6))
          (then
            (local.set $p6 (i32.add (local.get $nodes) (i32.shl (i32.load offset=24 (local.get $r)) (i32.const 4))))
            (local.set $f6 (i32.load offset=8 (local.get $p6))))
          (else (local.set $f6 (i32.const -1))))
        (if (i32.gt_u (local.get $k) (i32.const 7))
          (then
            (local.set $p7 (i32.add (local.get $nodes) (i32.shl (i32.load offset=28 (local.get $r)) (i32.const 4))))
            (local.set $f7 (i32.load offset=8 (local.get $p7))))
          (else (local.set $f7 (i32.const -1))))
        (if (i32.gt_u (local.get $k) (i32.const 8))
          (then
            (local.set $p8 (i32.add (local.get $nodes) (i32.shl (i32.load offset=32 (local.get $r)) (i32.const 4))))
            (local.set $f8 (i32.load offset=8 (local.get $p8))))
          (else (local.set $f8 (i32.const -1))))
        (if (i32.gt_u (local.get $k) (i32.const 9))
          (then
            (local.set $p9 (i32.add (local.get $nodes) (i32.shl (i32.load offset=36 (local.get $r)) (i32.const 4))))
            (local.set $f9 (i32.load offset=8 (local.get $p9))))
          (else (local.set $f9 (i32.const -1))))
        (if (i32.gt_u (local.get $k) (i32.const 10))
          (then
            (local.set $p10 (i32.add (local.get $nodes) (i32.shl (i32.load offset=40 (local.get $r)) (i32.const 4))))
            (local.set $f10 (i32.load offset=8 (local.get $p10))))
          (else (local.set $f10 (i32.const -1))))
        (if (i32.gt_u (local.get $k) (i32.const 11))
          (then
            (local.set $p11 (i32.add (local.get $nodes) (i32.shl (i32.load offset=44 (local.get $r)) (i32.const 4))))
            (local.set $f11 (i32.load offset=8 (local.get $p11))))
          (else (local.set $f11 (i32.const -1))))
        (if (i32.gt_u (local.get $k) (i32.const 12))
          (then
            (local.set $p12 (i32.add (local.get $nodes) (i32.shl (i32.load offset=48 (local.get $r)) (i32.const 4))))
            (local.set $f12 (i32.load offset=8 (local.get $p12))))
          (else (local.set $f12 (i32.const -1))))
        (if (i32.gt_u (local.get $k) (i32.const 13))
          (then
            (local.set $p13 (i32.add (local.get $nodes) (i32.shl (i32.load offset=52 (local.get $r)) (i32.const 4))))
            (local.set $f13 (i32.load offset=8 (local.get $p13))))
          (else (local.set $f13 (i32.const -1))))
        (if (i32.gt_u (local.get $k) (i32.const 14))
          (then
            (local.set $p14 (i32.add (local.get $nodes) (i32.shl (i32.load offset=56 (local.get $r)) (i32.const 4))))
            (local.set $f14 (i32.load offset=8 (local.get $p14))))
          (else (local.set $f14 (i32.const -1))))
        (if (i32.gt_u (local.get $k) (i32.const 15))
          (then
            (local.set $p15 (i32.add (local.get $nodes) (i32.shl (i32.load offset=60 (local.get $r)) (i32.const 4))))
            (local.set $f15 (i32.load offset=8 (local.get $p15))))
          (else (local.set $f15 (i32.const -1))))
        (block $walked
          (loop $steps
            (br_if $walked (i32.lt_s (i32.and (i32.and (i32.and (i32.and (i32.and (i32.and (i32.and (i32.and (i32.and (i32.and (i32.and (i32.and (i32.and (i32.and (i32.and (local.get $f0) (local.get $f1)) (local.get $f2)) (local.get $f3)) (local.get $f4)) (local.get $f5)) (local.get $f6)) (local.get $f7)) (local.get $f8)) (local.get $f9)) (local.get $f10)) (local.get $f11)) (local.get $f12)) (local.get $f13)) (local.get $f14)) (local.get $f15)) (i32.const 0)))
            (if (i32.ge_s (local.get $f0) (i32.const 0))
              (then
                (local.set $p0
                  (select
                    (i32.add (local.get $nodes) (i32.shl (i32.load offset=12 (local.get $p0)) (i32.const 4)))
                    (i32.add (local.get $p0) (i32.const 16))
                    (f64.gt
                      (f64.load (i32.add (local.get $row) (i32.shl (local.get $f0) (i32.const 3))))
                      (f64.load (local.get $p0)))))
                (local.set $f0 (i32.load offset=8 (local.get $p0)))))
            (if (i32.ge_s (local.get $f1) (i32.const 0))
              (then
                (local.set $p1
                  (select
                    (i32.add (local.get $nodes) (i32.shl (i32.load offset=12 (local.get $p1)) (i32.const 4)))
                    (i32.add (local.get $p1) (i32.const 16))
                    (f64.gt
                      (f64.load (i32.add (local.get $row) (i32.shl (local.get $f1) (i32.const 3))))
                      (f64.load (local.get $p1)))))
                (local.set $f1 (i32.load offset=8 (local.get $p1)))))
            (if (i32.ge_s (local.get $f2) (i32.const 0))
              (then
                (local.set $p2
                  (select
                    (i32.add (local.get $nodes) (i32.shl (i32.load offset=12 (local.get $p2)) (i32.const 4)))
                    (i32.add (local.get $p2) (i32.const 16))
                    (f64.gt
                      (f64.load (i32.add (local.get $row) (i32.shl (local.get $f2) (i32.const 3))))
                      (f64.load (local.get $p2)))))
                (local.set $f2 (i32.load offset=8 (local.get $p2)))))
            (if (i32.ge_s (local.get $f3) (i32.const 0))
              (then
                (local.set $p3
                  (select
                    (i32.add (local.get $nodes) (i32.shl (i32.load offset=12 (local.get $p3)) (i32.const 4)))
                    (i32.add (local.get $p3) (i32.const 16))
                    (f64.gt
                      (f64.load (i32.add (local.get $row) (i32.shl (local.get $f3) (i32.const 3))))
                      (f64.load (local.get $p3)))))
                (local.set $f3 (i32.load offset=8 (local.get $p3)))))
            (if (i32.ge_s (local.get $f4) (i32.const 0))
              (then
                (local.set $p4
                  (select
                    (i32.add (local.get $nodes) (i32.shl (i32.load offset=12 (local.get $p4)) (i32.const 4)))
                    (i32.add (local.get $p4) (i32.const 16))
                    (f64.gt
                      (f64.load (i32.add (local.get $row) (i32.shl (local.get $f4) (i32.const 3))))
                      (f64.load (local.get $p4)))))
                (local.set $f4 (i32.load offset=8 (local.get $p4)))))
            (if (i32.ge_s (local.get $f5) (i32.const 0))
              (then
                (local.set $p5
                  (select
                    (i32.add (local.get $nodes) (i32.shl (i32.load offset=12 (local.get $p5)) (i32.const 4)))
                    (i32.add (local.get $p5) (i32.const 16))
                    (f64.gt
                      (f64.load (i32.add (local.get $row) (i32.shl (local.get $f5) (i32.const 3))))
                      (f64.load (local.get $p5)))))
                (local.set $f5 (i32.load offset=8 (local.get $p5)))))
            (if (i32.ge_s (local.get $f6) (i32.const 0))
              (then
                (local.set $p6
                  (select
                    (i32.add (local.get $nodes) (i32.shl (i32.load offset=12 (local.get $p6)) (i32.const 4)))
                    (i32.add (local.get $p6) (i32.const 16))
                    (f64.gt
                      (f64.load (i32.add (local.get $row) (i32.shl (local.get $f6) (i32.const 3))))
                      (f64.load (local.get $p6)))))
                (local.set $f6 (i32.load offset=8 (local.get $p6)))))
            (if (i32.ge_s (local.get $f7) (i32.const 0))
              (then
                (local.set $p7
                  (select
                    (i32.add (local.get $nodes) (i32.shl (i32.load offset=12 (local.get $p7)) (i32.const 4)))
                    (i32.add (local.get $p7) (i32.const 16))
                    (f64.gt
                      (f64.load (i32.add (local.get $row) (i32.shl (local.get $f7) (i32.const 3))))
                      (f64.load (local.get $p7)))))
                (local.set $f7 (i32.load offset=8 (local.get $p7)))))
            (if (i32.ge_s (local.get $f8) (i32.const 0))
              (then
                (local.set $p8
                  (select
                    (i32.add (local.get $nodes) (i32.shl (i32.load offset=12 (local.get $p8)) (i32.const 4)))
                    (i32.add (local.get $p8) (i32.const 16))
                    (f64.gt
                      (f64.load (i32.add (local.get $row) (i32.shl (local.get $f8) (i32.const 3))))
                      (f64.load (local.get $p8)))))
                (local.set $f8 (i32.load offset=8 (local.get $p8)))))
            (if (i32.ge_s (local.get $f9) (i32.const 0))
              (then
                (local.set $p9
                  (select
                    (i32.add (local.get $nodes) (i32.shl (i32.load offset=12 (local.get $p9)) (i32.const 4)))
                    (i32.add (local.get $p9) (i32.const 16))
                    (f64.gt
                      (f64.load (i32.add (local.get $row) (i32.shl (local.get $f9) (i32.const 3))))
                      (f64.load (local.get $p9)))))
                (local.set $f9 (i32.load offset=8 (local.get $p9)))))
            (if (i32.ge_s (local.get $f10) (i32.const 0))
              (then
                (local.set $p10
                  (select
                    (i32.add (local.get $nodes) (i32.shl (i32.load offset=12 (local.get $p10)) (i32.const 4)))
                    (i32.add (local.get $p10) (i32.const 16))
                    (f64.gt
                      (f64.load (i32.add (local.get $row) (i32.shl (local.get $f10) (i32.const 3))))
                      (f64.load (local.get $p10)))))
                (local.set $f10 (i32.load offset=8 (local.get $p10)))))
            (if (i32.ge_s (local.get $f11) (i32.const 0))
              (then
                (local.set $p11
                  (select
                    (i32.add (local.get $nodes) (i32.shl (i32.load offset=12 (local.get $p11)) (i32.const 4)))
                    (i32.add (local.get $p11) (i32.const 16))
                    (f64.gt
                      (f64.load (i32.add (local.get $row) (i32.shl (local.get $f11) (i32.const 3))))
                      (f64.load (local.get $p11)))))
                (local.set $f11 (i32.load offset=8 (local.get $p11)))))
            (if (i32.ge_s (local.get $f12) (i32.const 0))
              (then
                (local.set $p12
                  (select
                    (i32.add (local.get $nodes) (i32.shl (i32.load offset=12 (local.get $p12)) (i32.const 4)))
                    (i32.add (local.get $p12) (i32.const 16))
                    (f64.gt
                      (f64.load (i32.add (local.get $row) (i32.shl (local.get $f12) (i32.const 3))))
                      (f64.load (local.get $p12)))))
                (local.set $f12 (i32.load offset=8 (local.get $p12)))))
            (if (i32.ge_s (local.get $f13) (i32.const 0))
              (then
                (local.set $p13
                  (select
                    (i32.add (local.get $nodes) (i32.shl (i32.load offset=12 (local.get $p13)) (i32.const 4)))
                    (i32.add (local.get $p13) (i32.const 16))
                    (f64.gt
                      (f64.load (i32.add (local.get $row) (i32.shl (local.get $f13) (i32.const 3))))
                      (f64.load (local.get $p13)))))
                (local.set $f13 (i32.load offset=8 (local.get $p13)))))
            (if (i32.ge_s (local.get $f14) (i32.const 0))
              (then
                (local.set $p14
                  (select
                    (i32.add (local.get $nodes) (i32.shl (i32.load offset=12 (local.get $p14)) (i32.const 4)))
                    (i32.add (local.get $p14) (i32.const 16))
                    (f64.gt
                      (f64.load (i32.add (local.get $row) (i32.shl (local.get $f14) (i32.const 3))))
                      (f64.load (local.get $p14)))))
                (local.set $f14 (i32.load offset=8 (local.get $p14)))))
            (if (i32.ge_s (local.get $f15) (i32.const 0))
              (then
                (local.set $p15
                  (select
                    (i32.add (local.get $nodes) (i32.shl (i32.load offset=12 (local.get $p15)) (i32.const 4)))
                    (i32.add (local.get $p15) (i32.const 16))
                    (f64.gt
                      (f64.load (i32.add (local.get $row) (i32.shl (local.get $f15) (i32.const 3))))
                      (f64.load (local.get $p15)))))
                (local.set $f15 (i32.load offset=8 (local.get $p15)))))
            (br $steps)))
        (if (i32.gt_u (local.get $k) (i32.const 0))
          (then (local.set $acc (f64.add (local.get $acc) (f64.mul (local.get $scale) (f64.load (local.get $p0)))))))
        (if (i32.gt_u (local.get $k) (i32.const 1))
          (then (local.set $acc (f64.add (local.get $acc) (f64.mul (local.get $scale) (f64.load (local.get $p1)))))))
        (if (i32.gt_u (local.get $k) (i32.const 2))
          (then (local.set $acc (f64.add (local.get $acc) (f64.mul (local.get $scale) (f64.load (local.get $p2)))))))
        (if (i32.gt_u (local.get $k) (i32.const 3))
          (then (local.set $acc (f64.add (local.get $acc) (f64.mul (local.get $scale) (f64.load (local.get $p3)))))))
        (if (i32.gt_u (local.get $k) (i32.const 4))
          (then (local.set $acc (f64.add (local.get $acc) (f64.mul (local.get $scale) (f64.load (local.get $p4)))))))
        (if (i32.gt_u (local.get $k) (i32.const 5))
          (then (local.set $acc (f64.add (local.get $acc) (f64.mul (local.get $scale) (f64.load (local.get $p5)))))))
        (if (i32.gt_u (local.get $k) (i32.const 6))
          (then (local.set $acc (f64.add (local.get $acc) (f64.mul (local.get $scale) (f64.load (local.get $p6)))))))
        (if (i32.gt_u (local.get $k) (i32.const 7))
          (then (local.set $acc (f64.add (local.get $acc) (f64.mul (local.get $scale) (f64.load (local.get $p7)))))))
        (if (i32.gt_u (local.get $k) (i32.const 8))
          (then (local.set $acc (f64.add (local.get $acc) (f64.mul (local.get $scale) (f64.load (local.get $p8)))))))
        (if (i32.gt_u (local.get $k) (i32.const 9))
          (then (local.set $acc (f64.add (local.get $acc) (f64.mul (local.get $scale) (f64.load (local.get $p9)))))))
        (if (i32.gt_u (local.get $k) (i32.const 10))
          (then (local.set $acc (f64.add (local.get $acc) (f64.mul (local.get $scale) (f64.load (local.get $p10)))))))
        (if (i32.gt_u (local.get $k) (i32.const 11))
          (then (local.set $acc (f64.add (local.get $acc) (f64.mul (local.get $scale) (f64.load (local.get $p11)))))))
        (if (i32.gt_u (local.get $k) (i32.const 12))
          (then (local.set $acc (f64.add (local.get $acc) (f64.mul (local.get $scale) (f64.load (local.get $p12)))))))
        (if (i32.gt_u (local.get $k) (i32.const 13))
          (then (local.set $acc (f64.add (local.get $acc) (f64.mul (local.get $scale) (f64.load (local.get $p13)))))))
        (if (i32.gt_u (local.get $k) (i32.const 14))
          (then (local.set $acc (f64.add (local.get $acc) (f64.mul (local.get $scale) (f64.load (local.get $p14)))))))
        (if (i32.gt_u (local.get $k) (i32.const 15))
          (then (local.set $acc (f64.add (local.get $acc) (f64.mul (local.get $scale) (f64.load (local.get $p15)))))))
        (local.set $r (i32.add (local.get $r) (i32.const 64)))
        (br_if $groups (i32.lt_u (local.get $r) (local.get $end)))))
    (local.get $acc))

)
