;; Linear TreeSHAP (the walk of addLinearTreeShap.ts's visitOne) for one-output trees, as a
;; loop instead of a recursion, with the quadrature points two at a time in f64x2 lanes.
;;
;; Why a loop: a recursive walk pays a call, a return and the spills around them at every
;; node, which costs more than the node's arithmetic. Here the nodes are in preorder (a
;; split's left child is the next record), each level's state is a 64-byte frame, and the
;; walk goes down by `$descend` and back up by `$ascend`.
;;
;; What differs from the JavaScript walk changes only rounding: a split's left side is
;; walked first (the JavaScript walks the row's side first; the sums of the two sides are
;; the same either way, as floating-point addition commutes, but the contributions are
;; added to phi in another order); the integrals add their points in two lanes; a cold
;; side's factor z (1 − t) is computed as the hot one's with o = 0 and divided out as its
;; reciprocal (the JavaScript divides by z once); and a feature split again further down
;; divides by its factor above through the reciprocal kept at that split.
;;
;; Memory (byte addresses set by $setup, 16-byte aligned where v128 is loaded):
;;   nodes of every tree, concatenated in preorder, 40 bytes each: feature i32 (-1: leaf),
;;   unused i32, right child i32 (a global node index; the left child is the next node),
;;   missing-left i32, threshold f64 (a leaf's value there instead), then the left and right
;;   child's share of this node's cover f64 (0.5 each under a node of cover 0);
;;   per tree a 16-byte record: root, constants address, point pairs, phi byte offset;
;;   per point count its constants: t, 1 − t, w, `pairs × 2` f64
;;   each (an odd count is padded with t = 0.5, w = 0: the pad lane adds nothing and never
;;   divides by 0);
;;   the row x and its contributions phi (f64 per feature and output);
;;   per feature the merged zero/one fractions (f64) on the path and the address of its
;;   factor's reciprocal (i32, 0 when the path has no split on it);
;;   a block of ones (the reciprocal of a first split's old factor 1);
;;   per level: the path product, the leaf sums and the reciprocal of the factor of the side
;;   being walked (`stride` bytes each), and the frame (64 bytes, see $frame offsets below).
(module
  (import "env" "memory" (memory 1))
  (global $nodes (mut i32) (i32.const 0))
  (global $x (mut i32) (i32.const 0))
  (global $phi (mut i32) (i32.const 0))
  (global $zero (mut i32) (i32.const 0))
  (global $one (mut i32) (i32.const 0))
  (global $seen (mut i32) (i32.const 0))
  (global $prod (mut i32) (i32.const 0))
  (global $sums (mut i32) (i32.const 0))
  (global $ones (mut i32) (i32.const 0))
  (global $frames (mut i32) (i32.const 0))
  (global $inv (mut i32) (i32.const 0))
  (global $trees (mut i32) (i32.const 0))
  (global $count (mut i32) (i32.const 0))
  (global $scale (mut f64) (f64.const 1))
  ;; The current tree's: bytes per level, its constants, and where its phi starts.
  (global $stride (mut i32) (i32.const 16))
  (global $tq (mut i32) (i32.const 0))
  (global $omt (mut i32) (i32.const 0))
  (global $wq (mut i32) (i32.const 0))
  (global $phiT (mut i32) (i32.const 0))

  (func (export "setup")
    (param $nodes i32) (param $x i32) (param $phi i32) (param $zero i32)
    (param $one i32) (param $seen i32) (param $prod i32) (param $sums i32) (param $ones i32)
    (param $frames i32) (param $inv i32) (param $trees i32) (param $count i32) (param $scale f64)
    (global.set $nodes (local.get $nodes))
    (global.set $x (local.get $x))
    (global.set $phi (local.get $phi))
    (global.set $zero (local.get $zero))
    (global.set $one (local.get $one))
    (global.set $seen (local.get $seen))
    (global.set $prod (local.get $prod))
    (global.set $sums (local.get $sums))
    (global.set $ones (local.get $ones))
    (global.set $frames (local.get $frames))
    (global.set $inv (local.get $inv))
    (global.set $trees (local.get $trees))
    (global.set $count (local.get $count))
    (global.set $scale (local.get $scale)))

  ;; Adds every tree's contributions for the row at $x to $phi (the caller zeroes $phi).
  (export "explainRow" (func $explainRow))
  (func $explainRow
    (local $t i32) (local $rec i32) (local $k i32) (local $root i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $t) (global.get $count)))
        (local.set $rec (i32.add (global.get $trees) (i32.shl (local.get $t) (i32.const 4))))
        (global.set $stride (i32.shl (i32.load offset=8 (local.get $rec)) (i32.const 4)))
        (global.set $tq (i32.load offset=4 (local.get $rec)))
        (global.set $omt (i32.add (global.get $tq) (global.get $stride)))
        (global.set $wq (i32.add (global.get $omt) (global.get $stride)))
        (global.set $phiT (i32.add (global.get $phi) (i32.load offset=12 (local.get $rec))))
        (local.set $root (i32.load (local.get $rec)))
        ;; A tree that is one leaf has no split to credit.
        (if (i32.ge_s (i32.load (i32.add (global.get $nodes) (i32.mul (local.get $root) (i32.const 40))))
              (i32.const 0))
          (then
            (local.set $k (i32.const 0))
            (loop $fill
              (v128.store (i32.add (global.get $prod) (local.get $k)) (f64x2.splat (f64.const 1)))
              (local.set $k (i32.add (local.get $k) (i32.const 16)))
              (br_if $fill (i32.lt_u (local.get $k) (global.get $stride))))
            (call $walk (local.get $root))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $next))))

  ;; Frame offsets: 0 split, 4 before (reciprocal address or 0), 8 invB (before or $ones),
  ;; 12 goLeft, 16 zb, 24 ob, 32 right share, 40 right child, 44 side (0 left, 1 right),
  ;; 48 z and 56 o of the side being walked (z = 0 and o = 0: a skipped side).

  ;; Walks the tree from split node `root`, adding its contributions to phi.
  (func $walk (param $root i32)
    (local $node i32) (local $level i32) (local $frame i32) (local $at i32) (local $childAt i32)
    (local $k i32) (local $split i32) (local $side i32) (local $child i32) (local $hot i32)
    (local $before i32) (local $invBP i32) (local $seenAt i32) (local $fAt i32)
    (local $pB i32) (local $prodP i32) (local $sumsP i32) (local $sumsC i32) (local $prodC i32) (local $invP i32)
    (local $xv f64) (local $th f64) (local $zb f64) (local $ob f64) (local $z f64) (local $o f64)
    (local $share f64) (local $gap f64)
    (local $v v128) (local $zv v128) (local $ov v128) (local $f v128) (local $p v128) (local $acc v128)
    (local $r v128) (local $q v128) (local $sidesDone i32)
    (local.set $node (local.get $root))
    (block $finished
      (loop $descend
        ;; `node` is a split at `level`: set up its frame and walk into its left side.
        (local.set $at (i32.add (global.get $nodes) (i32.mul (local.get $node) (i32.const 40))))
        (local.set $frame (i32.add (global.get $frames) (i32.shl (local.get $level) (i32.const 6))))
        (local.set $split (i32.load (local.get $at)))
        (local.set $xv (f64.load (i32.add (global.get $x) (i32.shl (local.get $split) (i32.const 3)))))
        (local.set $th (f64.load offset=16 (local.get $at)))
        (i32.store (local.get $frame) (local.get $split))
        ;; As FlatTree.leafOf: NaN fails both comparisons and takes the missing-value side.
        (i32.store offset=12 (local.get $frame)
          (i32.or (f64.le (local.get $xv) (local.get $th))
            (i32.and (i32.eqz (f64.gt (local.get $xv) (local.get $th)))
              (i32.ne (i32.load offset=12 (local.get $at)) (i32.const 0)))))
        (local.set $fAt (i32.shl (local.get $split) (i32.const 3)))
        (local.set $before (i32.load (i32.add (global.get $seen) (i32.shl (local.get $split) (i32.const 2)))))
        (i32.store offset=4 (local.get $frame) (local.get $before))
        (if (local.get $before)
          (then
            (i32.store offset=8 (local.get $frame) (local.get $before))
            (f64.store offset=16 (local.get $frame) (f64.load (i32.add (global.get $zero) (local.get $fAt))))
            (f64.store offset=24 (local.get $frame) (f64.load (i32.add (global.get $one) (local.get $fAt)))))
          (else
            (i32.store offset=8 (local.get $frame) (global.get $ones))
            (f64.store offset=16 (local.get $frame) (f64.const 1))
            (f64.store offset=24 (local.get $frame) (f64.const 1))))
        (f64.store offset=32 (local.get $frame) (f64.load offset=32 (local.get $at)))
        (i32.store offset=40 (local.get $frame) (i32.load offset=8 (local.get $at)))
        (local.set $side (i32.const 0))
        (local.set $child (i32.add (local.get $node) (i32.const 1)))
        (local.set $share (f64.load offset=24 (local.get $at)))

        (loop $enter
          ;; Walk into side `side` of the split at `level` (its frame at `frame`), child `child`.
          (i32.store offset=44 (local.get $frame) (local.get $side))
          (local.set $split (i32.load (local.get $frame)))
          (local.set $fAt (i32.shl (local.get $split) (i32.const 3)))
          (local.set $invBP (i32.load offset=8 (local.get $frame)))
          (local.set $zb (f64.load offset=16 (local.get $frame)))
          (local.set $ob (f64.load offset=24 (local.get $frame)))
          (local.set $hot (i32.eq (i32.eqz (local.get $side)) (i32.load offset=12 (local.get $frame))))
          (local.set $z (f64.mul (local.get $zb) (local.get $share)))
          (local.set $o (select (local.get $ob) (f64.const 0) (local.get $hot)))
          (f64.store offset=48 (local.get $frame) (local.get $z))
          (f64.store offset=56 (local.get $frame) (local.get $o))
          (local.set $pB (i32.mul (local.get $level) (global.get $stride)))
          (local.set $prodP (i32.add (global.get $prod) (local.get $pB)))
          (local.set $prodC (i32.add (local.get $prodP) (global.get $stride)))
          (local.set $sumsC (i32.add (i32.add (global.get $sums) (local.get $pB)) (global.get $stride)))
          (local.set $invP (i32.add (global.get $inv) (local.get $pB)))
          (local.set $childAt (i32.add (global.get $nodes) (i32.mul (local.get $child) (i32.const 40))))
          (local.set $k (i32.const 0))
          (block $entered
            (if (i32.and (f64.eq (local.get $z) (f64.const 0)) (f64.eq (local.get $o) (f64.const 0)))
              (then
                ;; A side with both fractions zero carries no weight in any coalition.
                (loop $skip
                  (v128.store (i32.add (local.get $sumsC) (local.get $k)) (v128.const f64x2 0 0))
                  (local.set $k (i32.add (local.get $k) (i32.const 16)))
                  (br_if $skip (i32.lt_u (local.get $k) (global.get $stride))))
                (br $entered)))
            (local.set $v (f64x2.splat (f64.load offset=16 (local.get $childAt))))
            (local.set $zv (f64x2.splat (local.get $z)))
            ;; Factor z (1 − t) + o t (o = 0 on a cold side), its reciprocal kept for the
            ;; integral and for a split on the same feature below. One form for both sides:
            ;; which side is the row's is a coin flip per node, a branch on it mispredicts.
            (local.set $ov (f64x2.splat (local.get $o)))
            (local.set $acc (v128.const f64x2 0 0))
            (loop $product
              (local.set $f
                (f64x2.add
                  (f64x2.mul (local.get $zv) (v128.load (i32.add (global.get $omt) (local.get $k))))
                  (f64x2.mul (local.get $ov) (v128.load (i32.add (global.get $tq) (local.get $k))))))
              (local.set $r (f64x2.div (f64x2.splat (f64.const 1)) (local.get $f)))
              (v128.store (i32.add (local.get $invP) (local.get $k)) (local.get $r))
              (local.set $p
                (f64x2.mul
                  (f64x2.mul (v128.load (i32.add (local.get $prodP) (local.get $k))) (local.get $f))
                  (v128.load (i32.add (local.get $invBP) (local.get $k)))))
              ;; Both stores and the leaf's integral, no branch: a leaf child's sums, a split
              ;; child's product.
              (local.set $q (f64x2.mul (local.get $p) (local.get $v)))
              (local.set $acc
                (f64x2.add (local.get $acc)
                  (f64x2.mul
                    (f64x2.mul (v128.load (i32.add (global.get $wq) (local.get $k))) (local.get $r))
                    (local.get $q))))
              (v128.store (i32.add (local.get $sumsC) (local.get $k)) (local.get $q))
              (v128.store (i32.add (local.get $prodC) (local.get $k)) (local.get $p))
              (local.set $k (i32.add (local.get $k) (i32.const 16)))
              (br_if $product (i32.lt_u (local.get $k) (global.get $stride))))
            ;; A split child: walk down into it.
            (if (i32.ge_s (i32.load (local.get $childAt)) (i32.const 0))
              (then
                (f64.store (i32.add (global.get $zero) (local.get $fAt)) (local.get $z))
                (f64.store (i32.add (global.get $one) (local.get $fAt)) (local.get $o))
                (i32.store (i32.add (global.get $seen) (i32.shl (local.get $split) (i32.const 2))) (local.get $invP))
                (local.set $node (local.get $child))
                (local.set $level (i32.add (local.get $level) (i32.const 1)))
                (br $descend)))
            ;; A leaf child: its integral is done, its sums join the split's here, so the
            ;; walk goes on without a pass up through the frame.
            (call $addPhi (local.get $fAt)
              (f64.mul (f64.mul (global.get $scale) (f64.sub (local.get $o) (local.get $z)))
                (f64.add (f64x2.extract_lane 0 (local.get $acc)) (f64x2.extract_lane 1 (local.get $acc)))))
            (local.set $sumsP (i32.sub (local.get $sumsC) (global.get $stride)))
            (local.set $k (i32.const 0))
            (if (i32.eqz (local.get $side))
              (then
                (loop $leafCopy
                  (v128.store (i32.add (local.get $sumsP) (local.get $k))
                    (v128.load (i32.add (local.get $sumsC) (local.get $k))))
                  (local.set $k (i32.add (local.get $k) (i32.const 16)))
                  (br_if $leafCopy (i32.lt_u (local.get $k) (global.get $stride))))
                (local.set $side (i32.const 1))
                (local.set $child (i32.load offset=40 (local.get $frame)))
                (local.set $share (f64.load offset=32 (local.get $frame)))
                (br $enter)))
            (loop $leafAdd
              (v128.store (i32.add (local.get $sumsP) (local.get $k))
                (f64x2.add
                  (v128.load (i32.add (local.get $sumsP) (local.get $k)))
                  (v128.load (i32.add (local.get $sumsC) (local.get $k)))))
              (local.set $k (i32.add (local.get $k) (i32.const 16)))
              (br_if $leafAdd (i32.lt_u (local.get $k) (global.get $stride))))
            (local.set $sidesDone (i32.const 1)))

          (loop $ascend
            ;; The side being walked at `level` is done: its sums are at level + 1.
            (local.set $frame (i32.add (global.get $frames) (i32.shl (local.get $level) (i32.const 6))))
            (local.set $split (i32.load (local.get $frame)))
            (local.set $fAt (i32.shl (local.get $split) (i32.const 3)))
            (local.set $side (i32.load offset=44 (local.get $frame)))
            (local.set $z (f64.load offset=48 (local.get $frame)))
            (local.set $o (f64.load offset=56 (local.get $frame)))
            (local.set $pB (i32.mul (local.get $level) (global.get $stride)))
            (local.set $sumsP (i32.add (global.get $sums) (local.get $pB)))
            (local.set $sumsC (i32.add (local.get $sumsP) (global.get $stride)))
            (local.set $invP (i32.add (global.get $inv) (local.get $pB)))
            ;; Unless a leaf child finished this side already: its integral, and its sums.
            (if (i32.eqz (local.get $sidesDone))
              (then
            (local.set $acc (v128.const f64x2 0 0))
            (local.set $k (i32.const 0))
            (if (i32.eqz (i32.and (f64.eq (local.get $z) (f64.const 0)) (f64.eq (local.get $o) (f64.const 0))))
              (then
                ;; (o − z) ∫ sums / factor.
                (loop $integral
                  (local.set $acc
                    (f64x2.add (local.get $acc)
                      (f64x2.mul
                        (f64x2.mul
                          (v128.load (i32.add (global.get $wq) (local.get $k)))
                          (v128.load (i32.add (local.get $invP) (local.get $k))))
                        (v128.load (i32.add (local.get $sumsC) (local.get $k))))))
                  (local.set $k (i32.add (local.get $k) (i32.const 16)))
                  (br_if $integral (i32.lt_u (local.get $k) (global.get $stride))))
                (call $addPhi (local.get $fAt)
                  (f64.mul (f64.mul (global.get $scale) (f64.sub (local.get $o) (local.get $z)))
                    (f64.add (f64x2.extract_lane 0 (local.get $acc)) (f64x2.extract_lane 1 (local.get $acc)))))))
            (local.set $k (i32.const 0))
            (if (i32.eqz (local.get $side))
              (then
                ;; The left side's sums start the split's; now its right side.
                (loop $copy
                  (v128.store (i32.add (local.get $sumsP) (local.get $k))
                    (v128.load (i32.add (local.get $sumsC) (local.get $k))))
                  (local.set $k (i32.add (local.get $k) (i32.const 16)))
                  (br_if $copy (i32.lt_u (local.get $k) (global.get $stride))))
                (local.set $side (i32.const 1))
                (local.set $child (i32.load offset=40 (local.get $frame)))
                (local.set $share (f64.load offset=32 (local.get $frame)))
                (br $enter)))
            (loop $add
              (v128.store (i32.add (local.get $sumsP) (local.get $k))
                (f64x2.add
                  (v128.load (i32.add (local.get $sumsP) (local.get $k)))
                  (v128.load (i32.add (local.get $sumsC) (local.get $k)))))
              (local.set $k (i32.add (local.get $k) (i32.const 16)))
              (br_if $add (i32.lt_u (local.get $k) (global.get $stride))))
))
            (local.set $sidesDone (i32.const 0))
            ;; Both sides done: restore the feature's state on the path above.
            (local.set $before (i32.load offset=4 (local.get $frame)))
            (local.set $zb (f64.load offset=16 (local.get $frame)))
            (local.set $ob (f64.load offset=24 (local.get $frame)))
            (i32.store (i32.add (global.get $seen) (i32.shl (local.get $split) (i32.const 2))) (local.get $before))
            (f64.store (i32.add (global.get $zero) (local.get $fAt)) (local.get $zb))
            (f64.store (i32.add (global.get $one) (local.get $fAt)) (local.get $ob))
            ;; The upper split on this feature counted these leaves with its own factor: take them back out.
            (local.set $gap (f64.sub (local.get $ob) (local.get $zb)))
            (if (i32.and (i32.ne (local.get $before) (i32.const 0)) (f64.ne (local.get $gap) (f64.const 0)))
              (then
                (local.set $acc (v128.const f64x2 0 0))
                (local.set $k (i32.const 0))
                (loop $back
                  (local.set $acc
                    (f64x2.add (local.get $acc)
                      (f64x2.mul
                        (f64x2.mul
                          (v128.load (i32.add (global.get $wq) (local.get $k)))
                          (v128.load (i32.add (local.get $before) (local.get $k))))
                        (v128.load (i32.add (local.get $sumsP) (local.get $k))))))
                  (local.set $k (i32.add (local.get $k) (i32.const 16)))
                  (br_if $back (i32.lt_u (local.get $k) (global.get $stride))))
                (call $addPhi (local.get $fAt)
                  (f64.neg (f64.mul (f64.mul (global.get $scale) (local.get $gap))
                    (f64.add (f64x2.extract_lane 0 (local.get $acc)) (f64x2.extract_lane 1 (local.get $acc))))))))
            (br_if $finished (i32.eqz (local.get $level)))
            (local.set $level (i32.sub (local.get $level) (i32.const 1)))
            (br $ascend))))))

  ;; phi[feature] += value, `fAt` the feature's byte offset (phi of the current tree).
  (func $addPhi (param $fAt i32) (param $value f64)
    (local $at i32)
    (local.set $at (i32.add (global.get $phiT) (local.get $fAt)))
    (f64.store (local.get $at) (f64.add (f64.load (local.get $at)) (local.get $value))))
)
