/** The `ahocorasick` package ships no types: the part the benchmark uses. */
declare module 'ahocorasick' {
  export default class AhoCorasick {
    constructor(keywords: string[]);
    /** Each hit: the index of the last character of the keys found there, and those keys. */
    search(text: string): [number, string[]][];
  }
}
