/** The affinity-api rule's patterns and matcher (rules-api.ts runs them). */
/** Affinity API patterns (MA rules/timeline_fusion_ops.yaml): tokens, `?` = optional. */
export const AFFINITY: { api: string; patterns: string[][] }[] = [
  {
    api: 'torch_npu.npu_confusion_transpose',
    patterns: [
      ['permute|transpose', 'contiguous?', 'reshape|view'],
      ['reshape|view', 'contiguous?', 'permute|transpose'],
    ],
  },
  { api: 'torch_npu.fast_gelu', patterns: [['gelu']] },
  {
    api: 'torch_npu.npu_scaled_masked_softmax',
    patterns: [['softmax|_softmax', 'mul?', 'masked_fill_|add']],
  },
  {
    api: 'torch_npu.npu_fusion_attention',
    patterns: [
      ['matmul|bmm', 'add|mul|masked_fill_?', 'softmax|_softmax', 'dropout?', 'matmul|bmm'],
    ],
  },
  {
    api: 'torch_npu.npu_rotary_mul',
    patterns: [['chunk|slice', 'neg', 'cat', 'mul?', 'mul?', 'add']],
  },
  {
    api: 'torch_npu.npu_rms_norm',
    patterns: [['pow?', 'mean?', 'add?', 'rsqrt', 'mul', 'type_as?']],
  },
  {
    // slice or chunk, then silu/mul or sigmoid/mul/mul in any order (the yaml's 10 variants).
    api: 'torch_npu.npu_swiglu',
    patterns: [
      ['slice|chunk', 'silu', 'mul'],
      ['slice|chunk', 'mul', 'silu'],
      ['slice|chunk', 'sigmoid', 'mul', 'mul'],
      ['slice|chunk', 'mul', 'sigmoid', 'mul'],
      ['slice|chunk', 'mul', 'mul', 'sigmoid'],
    ],
  },
  { api: 'optimizer.clip_grad_norm_fused_', patterns: [['add', 'reciprocal', 'mul']] },
  // CANN 8.0.RC1 / 8.0.0
  {
    api: 'torch_npu.npu_geglu',
    patterns: [
      ['slice|chunk', 'gelu', 'mul'],
      ['slice|chunk', 'mul', 'gelu'],
    ],
  },
  { api: 'torch_npu.npu_add_layer_norm', patterns: [['add', 'layer_norm']] },
  { api: 'torch_npu.npu_group_norm_silu', patterns: [['group_norm', 'silu']] },
  { api: 'torch.addmm', patterns: [['mul', 'mul', 'add']] },
  // CANN 8.0.RC3
  { api: 'mindspeed.ops.npu_matmul_add', patterns: [['matmul', 'add']] },
  { api: 'torch_npu.npu_moe_token_permute', patterns: [['argsort', 'argsort', 'index_select']] },
  {
    api: 'torch_npu.npu_moe_token_unpermute',
    patterns: [['index_select', 'mul', 'reduce_sum']],
  },
];

/** Length of the match of `pat` at ops[i] (0 when none); optional tokens are tried both ways. */
export function matchAt(ops: readonly string[], i: number, pat: readonly string[], p = 0): number {
  if (p === pat.length) return 0;
  const tok = pat[p]!;
  const opt = tok.endsWith('?');
  const alts = (opt ? tok.slice(0, -1) : tok).split('|');
  if (i < ops.length && alts.includes(ops[i]!)) {
    const rest = matchAt(ops, i + 1, pat, p + 1);
    if (rest >= 0) return 1 + rest;
  }
  return opt ? matchAt(ops, i, pat, p + 1) : -1;
}
