import type { EmbeddingDocument } from './run-document';

export const HASH_DIMENSIONS = 256;
/** Bump when tokenisation or hashing changes: stored vectors of the old version get re-embedded. */
export const HASH_MODEL = 'hash-ngram-v1';

const WORD_WEIGHT = 1;
const BIGRAM_WEIGHT = 1;
/** Character n-grams are many per word; each counts less so whole-word matches dominate. */
const CHAR_GRAM_WEIGHT = 0.25;

/**
 * Lower-cased words: CamelCase and acronym boundaries split ("HTTPServerError" → http, server,
 * error), then anything that is not a letter or digit separates words, so URLs and paths become words.
 */
export function tokenize(text: string): string[] {
  return text
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** Character 3–5-grams of a word framed as `<word>`; a word shorter than the gram is one gram. */
export function charGrams(word: string, min = 3, max = 5): string[] {
  const framed = `<${word}>`;
  const grams: string[] = [];
  for (let n = min; n <= max; n++) {
    if (framed.length < n) break;
    for (let i = 0; i + n <= framed.length; i++) grams.push(framed.slice(i, i + n));
  }
  return grams;
}

/** 32-bit FNV-1a over UTF-16 code units. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Scales to unit length in place; a zero vector stays zero. */
export function l2Normalize(v: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i] * v[i];
  if (sum === 0) return v;
  const inv = 1 / Math.sqrt(sum);
  for (let i = 0; i < v.length; i++) v[i] *= inv;
  return v;
}

/** Adds a feature to the vector: the hash picks the slot, its top bit the sign (signed hashing). */
function add(v: Float32Array, feature: string, weight: number): void {
  const h = fnv1a(feature);
  v[h % v.length] += h & 0x80000000 ? -weight : weight;
}

/**
 * The local embedder: word 1–2-grams and character 3–5-grams of every section, hashed into
 * `dimensions` slots, each feature scaled by its section's weight, then L2-normalised. It matches
 * words, not meaning.
 */
export function hashEmbed(doc: EmbeddingDocument, dimensions = HASH_DIMENSIONS): Float32Array {
  const v = new Float32Array(dimensions);
  for (const section of doc.sections) {
    const words = tokenize(section.text);
    for (let i = 0; i < words.length; i++) {
      add(v, `w:${words[i]}`, WORD_WEIGHT * section.weight);
      if (i + 1 < words.length) add(v, `b:${words[i]} ${words[i + 1]}`, BIGRAM_WEIGHT * section.weight);
      for (const gram of charGrams(words[i])) add(v, `c:${gram}`, CHAR_GRAM_WEIGHT * section.weight);
    }
  }
  return l2Normalize(v);
}
