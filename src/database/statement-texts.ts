import { hotPath } from '../common/perf/hot-path';

interface Node {
  next: Map<string, Node>;
  text?: string;
}

/**
 * Statement texts built from parts, kept so that the same parts give back the same string
 * instance. A prepared statement is looked up by its text on every call (here, and by pg, which
 * checks the text against the one it prepared): a freshly concatenated text of a few KB is
 * flattened and hashed each time, a kept instance costs a pointer compare. Parts are compared as
 * strings, so a text is only reused for equal parts. It keeps at most `limit` texts; past that,
 * texts are built and not kept.
 */
export class StatementTexts {
  private readonly root: Node = { next: new Map() };
  private size = 0;

  constructor(private readonly limit = 256) {}

  get(parts: readonly string[], build: () => string): string {
    if (!hotPath('statement-texts')) return build();
    let node = this.root;
    for (const part of parts) {
      let next = node.next.get(part);
      if (!next) {
        if (this.size >= this.limit) return build();
        next = { next: new Map() };
        node.next.set(part, next);
      }
      node = next;
    }
    if (node.text === undefined) {
      if (this.size >= this.limit) return build();
      node.text = build();
      this.size++;
    }
    return node.text;
  }
}
