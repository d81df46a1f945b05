;; The dot-product kernel of the embedded vector store (see dot-kernel.ts for the layout), compiled
;; to dot-kernel.wasm at build time by wabt (`npm run build:wasm`, scripts/build-wasm.ts).
;;
;; Kept because it pays: on the ablation of reports/performance.md part 11 (HOT_PATH_OFF=wasm-dot-kernel,
;; the same search in plain TypeScript, against the server as deployed, 5 paired repeats in one run)
;; similar search's p95 at 4 connections was 34.5 % lower (95 % interval 16.8 … 74.4 %); part 10
;; re-measures it on every bench. vector-matrix.spec.ts holds its scores bit-identical to the scalar
;; loop's, and fails loudly should this runtime lose fixed-width SIMD.
;;
;; Rows are stored in blocks of 8, each block dimension-major: one 8-byte load holds dimension i of
;; two neighbouring rows, widened to an f64x2 — a pair of rows per register, each row's sum still
;; accumulated one dimension after another in f64, exactly like `dot += q[i] * m[i]` (a float32 ×
;; float32 product is exact in f64). Four pairs (one block) run side by side to hide the add latency.
(module
  (import "env" "memory" (memory 1))

  ;; dots(q, m, blocks, dim, out): for each of `blocks` blocks at byte offset `m`, the 8 rows' dot
  ;; products with the query, as f64, to `out` (64 bytes per block). `q` holds the query widened
  ;; and doubled: `dim` f64x2 values [q_i, q_i].
  (func (export "dots") (param $q i32) (param $m i32) (param $blocks i32) (param $dim i32) (param $out i32)
    (local $qp i32) (local $p i32) (local $i i32) (local $qi v128)
    (local $rows01 v128) (local $rows23 v128) (local $rows45 v128) (local $rows67 v128)
    (block $done
      (br_if $done (i32.eqz (local.get $blocks)))
      (br_if $done (i32.eqz (local.get $dim)))
      (local.set $p (local.get $m))
      (loop $each_block
        (local.set $rows01 (v128.const i64x2 0 0))
        (local.set $rows23 (v128.const i64x2 0 0))
        (local.set $rows45 (v128.const i64x2 0 0))
        (local.set $rows67 (v128.const i64x2 0 0))
        (local.set $qp (local.get $q))
        (local.set $i (local.get $dim))
        (loop $each_dimension
          (local.set $qi (v128.load align=16 (local.get $qp)))
          ;; rows += [q_i, q_i] * widen(dimension i of two rows)
          (local.set $rows01 (f64x2.add (local.get $rows01)
            (f64x2.mul (local.get $qi) (f64x2.promote_low_f32x4 (v128.load64_zero offset=0 align=8 (local.get $p))))))
          (local.set $rows23 (f64x2.add (local.get $rows23)
            (f64x2.mul (local.get $qi) (f64x2.promote_low_f32x4 (v128.load64_zero offset=8 align=8 (local.get $p))))))
          (local.set $rows45 (f64x2.add (local.get $rows45)
            (f64x2.mul (local.get $qi) (f64x2.promote_low_f32x4 (v128.load64_zero offset=16 align=8 (local.get $p))))))
          (local.set $rows67 (f64x2.add (local.get $rows67)
            (f64x2.mul (local.get $qi) (f64x2.promote_low_f32x4 (v128.load64_zero offset=24 align=8 (local.get $p))))))
          ;; next dimension: 8 floats of the block further, the next widened query value
          (local.set $p (i32.add (local.get $p) (i32.const 32)))
          (local.set $qp (i32.add (local.get $qp) (i32.const 16)))
          (br_if $each_dimension (local.tee $i (i32.sub (local.get $i) (i32.const 1)))))
        (v128.store offset=0 align=16 (local.get $out) (local.get $rows01))
        (v128.store offset=16 align=16 (local.get $out) (local.get $rows23))
        (v128.store offset=32 align=16 (local.get $out) (local.get $rows45))
        (v128.store offset=48 align=16 (local.get $out) (local.get $rows67))
        (local.set $out (i32.add (local.get $out) (i32.const 64)))
        (br_if $each_block (local.tee $blocks (i32.sub (local.get $blocks) (i32.const 1))))))))
