/**
 * Editions of one change: release notes announce a change again at each stage ("X is EA in
 * Preview", "X is GA in Production") and publish it word for word in several product notes
 * (the same heading in the Classic Engine and the Identity Engine notes). Among the ranked hits,
 * the editions of a change keep the places the change earned, led by the edition a reader wants
 * first: the newest (it states the current status); of editions published the same day, the one in
 * the main notes (the product with the most records), then the higher release number, then
 * document order. Filters decide
 * which editions are there at all, so a product or lifecycle filter picks the matching edition.
 */
import type { IndexData } from './index-data.ts';
import { sortDocs } from './list.ts';

/** A status suffix of a heading: "is GA in Production", "are now EA in Preview", "is Beta". */
const STATUS = /\s+(?:is|are)\s+(?:(?:now|self-service|generally|available|ga|ea|beta|in|preview|production|and|early|access|limited)\b[\s-]*)+$/;

/** The change a title names: lower case, spaces collapsed, status suffix dropped. */
export function changeKey(title: string): string {
  const t = title.toLowerCase().replace(/`/g, '').replace(/\s+/g, ' ').trim();
  const k = t.replace(STATUS, '');
  return k.length > 0 ? k : t;
}

/** Compares dotted release numbers numerically (`2023.12.0` > `2023.10.0`); non-numbers compare as text. */
export function compareRelease(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  const pa = a.split(/[.\-]/), pb = b.split(/[.\-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '', y = pb[i] ?? '';
    if (x === y) continue;
    const nx = Number(x), ny = Number(y);
    if (x !== '' && y !== '' && Number.isFinite(nx) && Number.isFinite(ny)) return nx - ny;
    return x < y ? -1 : 1;
  }
  return 0;
}

export class Editions {
  private readonly data: IndexData;
  /** Doc -> id of the change it is an edition of (-1 until first needed: titles are read lazily). */
  private readonly groupOf: Int32Array;
  private readonly groupIds = new Map<string, number>();
  /** Scratch: per change id, the stamp of the last arrange() that met it. */
  private readonly met: Uint32Array;
  /** Scratch of arrange(): per change id its first and last place on the page, per place the next. */
  private readonly firstAt: Int32Array;
  private readonly lastAt: Int32Array;
  private nextAt = new Int32Array(64);
  private stamp = 0;
  /** Records per product (the main notes have the most). */
  private readonly productSize: Map<string | null, number>;

  constructor(data: IndexData) {
    this.data = data;
    this.groupOf = new Int32Array(data.docs.length).fill(-1);
    this.met = new Uint32Array(data.docs.length);
    this.firstAt = new Int32Array(data.docs.length);
    this.lastAt = new Int32Array(data.docs.length);
    this.productSize = new Map();
    for (const d of data.docs) this.productSize.set(d.product, (this.productSize.get(d.product) ?? 0) + 1);
  }

  private group(d: number): number {
    let g = this.groupOf[d]!;
    if (g < 0) {
      const key = changeKey(this.data.docs[d]!.title);
      g = this.groupIds.get(key) ?? this.groupIds.size;
      if (g === this.groupIds.size) this.groupIds.set(key, g);
      this.groupOf[d] = g;
    }
    return g;
  }

  /** Negative when edition `a` should lead edition `b`. */
  lead(a: number, b: number): number {
    const da = this.data.docs[a]!, db = this.data.docs[b]!;
    const byDate = (db.date ?? '') < (da.date ?? '') ? -1 : (db.date ?? '') > (da.date ?? '') ? 1 : 0;
    return byDate || (this.productSize.get(db.product) ?? 0) - (this.productSize.get(da.product) ?? 0) || -compareRelease(da.release, db.release) || a - b;
  }

  /**
   * Reorders `ranked` in place: the editions of each change fill the positions they hold, in lead
   * order. Only the first `upto` places are read afterwards: changes with no edition among them are
   * left as they are.
   */
  arrange(ranked: number[], upto = ranked.length): void {
    // Most pages hold one edition per change and none of them has another edition further down:
    // nothing to do, found without allocating.
    const stamp = ++this.stamp;
    const head = Math.min(upto, ranked.length);
    let repeated = false;
    for (let i = 0; i < head && !repeated; i++) {
      const g = this.group(ranked[i]!);
      repeated = this.met[g] === stamp;
      this.met[g] = stamp;
    }
    for (let i = head; i < ranked.length && !repeated; i++) repeated = this.met[this.group(ranked[i]!)] === stamp;
    if (!repeated) return;
    // The changes on the page (all of them: the check above may have stopped early), each with the
    // chain of places its editions hold: its first place, and each place's next (scratch arrays, no
    // allocation per keystroke but the members of changes with several editions).
    const onPage = ++this.stamp;
    const { met, firstAt, lastAt } = this;
    if (this.nextAt.length < ranked.length) this.nextAt = new Int32Array(2 * ranked.length);
    const nextAt = this.nextAt;
    for (let i = 0; i < head; i++) {
      const g = this.group(ranked[i]!);
      if (met[g] !== onPage) (met[g] = onPage), (firstAt[g] = -1);
    }
    for (let i = 0; i < ranked.length; i++) {
      const g = this.group(ranked[i]!);
      if (met[g] !== onPage) continue;
      if (firstAt[g]! < 0) firstAt[g] = i;
      else nextAt[lastAt[g]!] = i;
      lastAt[g] = i;
      nextAt[i] = -1;
    }
    // Each change once, at its first place (a place keeps its change while others are rearranged).
    for (let i = 0; i < head; i++) {
      const g = this.group(ranked[i]!);
      if (firstAt[g] !== i || nextAt[i]! < 0) continue;
      const members: number[] = [];
      for (let at = i; at >= 0; at = nextAt[at]!) members.push(ranked[at]!);
      sortDocs(members, (a, b) => this.lead(a, b) < 0);
      for (let at = i, j = 0; at >= 0; at = nextAt[at]!) ranked[at] = members[j++]!;
    }
  }
}
