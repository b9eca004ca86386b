import { loadModel } from '@fugood/llama.node';
const ctx = await loadModel({ model: '/work/main/test/fixtures/generated/tiny-internlm2.gguf', n_ctx: 512, n_threads: 1, embedding: true, pooling_type: 'mean', n_parallel: 1 });
for (let i = 0; i < 3; i++) { const e = await ctx.embedding('a cat on a mat', { embd_normalize: 2 }); console.log('A', Array.from(e.embedding.slice(0, 3))); }
const e = await ctx.embedding('something else', { embd_normalize: 2 }); console.log('B', Array.from(e.embedding.slice(0, 3)));
(ctx as any).clearCache?.(); 
const f = await ctx.embedding('a cat on a mat', { embd_normalize: 2 }); console.log('A after clear', Array.from(f.embedding.slice(0, 3)));
