/**
 * The part of mark.js the benchmark uses (its DefinitelyTyped types pull in
 * jQuery's).
 */
declare module 'mark.js' {
  interface Options {
    separateWordSearch?: boolean;
    accuracy?: 'partially' | 'complementary' | 'exactly';
    acrossElements?: boolean;
    /** Called once, synchronously when no iframes are searched, with the number of marks made. */
    done?: (marks: number) => void;
  }
  export default class Mark {
    constructor(context: Element);
    mark(keywords: string[], options?: Options): void;
    markRegExp(regexp: RegExp, options?: Options): void;
  }
}
