import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenize, tokenizer } from '../../src/features/search/tokenize.ts';
import { editDistance, Speller } from '../../src/features/search/typo.ts';

describe('tokenize', () => {
  it('tokenizes a query without the caches (fresh) into the same tokens, taking no token numbers', () => {
    const marked = tokenizer({ suffix: '\u0003' });
    const text = fc.stringMatching(/^[a-zA-Z0-9 +#._\-*'在的梯度爆炸怎么解决归一化批熵𠀀；;Ａ]{0,40}$/u);
    fc.assert(
      fc.property(text, (t) => {
        expect(marked.fresh(t)).toEqual(marked(t));
      }),
    );
    const fresh = tokenizer({ suffix: '' });
    expect(fresh.fresh('never seen words ; 从未见过')).toEqual([
      'never',
      'seen',
      'words',
      '从未',
      '未见',
      '见过',
    ]);
    // Nothing was numbered: the first text a cached call meets gets the first numbers.
    expect([...fresh.tokenIds('alpha beta')]).toEqual([0, 1]);
  });

  it('a tokenizer with a suffix gives the same tokens with the suffix, from its cache too', () => {
    const marked = tokenizer({ suffix: '\u0003' });
    const text = fc.stringMatching(/^[a-z0-9 +#._\-*'在的梯度爆炸怎么解决归一化批熵𠀀]{0,30}$/u);
    fc.assert(
      fc.property(text, (t) => {
        const expected = tokenize(t).map((x) => `${x}\u0003`);
        expect(marked(t)).toEqual(expected);
        expect(marked(t)).toEqual(expected);
      }),
    );
    expect(marked('YOLOv3 的 BN层')).toEqual([
      'yolov3\u0003',
      'yolo\u0003',
      'v3\u0003',
      'bn\u0003',
      '层\u0003',
    ]);
  });

  it('keeps Chinese characters (Orama’s default tokenizer drops them) and drops stop words', () => {
    expect(tokenize('BN在inference的时候怎么加速')).toEqual(['bn', 'inference', '加速']);
    expect(tokenize('梯度爆炸怎么解决')).toEqual(['梯度', '度爆', '爆炸', '解决']);
  });

  it('cuts Han runs into bigrams, so a domain term matches however it is segmented', () => {
    expect(tokenize('批归一化')).toEqual(['批归', '归一', '一化']);
    expect(tokenize('归一化')).toEqual(expect.arrayContaining(['归一', '一化']));
    expect(tokenize('熵')).toEqual(['熵']);
  });

  it('normalises width and case (NFKC + lowercase)', () => {
    expect(tokenize('ＢＮ Dropout')).toEqual(['bn', 'dropout']);
  });

  it('keeps identifiers whole and also emits their parts', () => {
    expect(tokenize('C++')).toEqual(['c++']);
    expect(tokenize('YOLOv3')).toEqual(['yolov3', 'yolo', 'v3']);
    expect(tokenize('R-CNN')).toEqual(['r-cnn', 'rcnn', 'r', 'cnn']);
    expect(tokenize('nn.Module')).toEqual(['nn.module', 'nnmodule', 'nn', 'module']);
    expect(tokenize('shared_ptr')).toEqual(['shared_ptr', 'sharedptr', 'shared', 'ptr']);
    expect(tokenize('*args **kwargs')).toEqual(['*args', 'args', '**kwargs', 'kwargs']);
  });

  it('drops English stop words', () => {
    expect(tokenize('What is the GIL?')).toEqual(['gil']);
  });

  it('cuts characters outside the BMP by code point', () => {
    expect(tokenize('𠀀字')).toEqual(['𠀀字']);
  });

  it('never throws, and returns unique non-empty tokens for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const tokens = tokenize(text);
        expect(new Set(tokens).size).toBe(tokens.length);
        for (const t of tokens) expect(t.length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('typo correction', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('inceptoin', 'inception', 2)).toBe(1);
    expect(editDistance('droput', 'dropout', 2)).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });

  it('corrects to the closest known word, preferring the more frequent one', () => {
    const df = new Map([
      ['dropout', 10],
      ['dropdown', 1],
      ['transformer', 5],
    ]);
    const speller = new Speller(df.keys(), (w) => df.get(w) ?? 0);
    expect(speller.correct('droput')).toBe('dropout');
    expect(speller.correct('tranformer')).toBe('transformer');
    expect(speller.correct('xyz')).toBeUndefined();
    expect(speller.correct('zzzzzzz')).toBeUndefined();
  });
});
