/**
 * The library's result list: flat, or under headings — site, then page (title linking to the
 * page), or actor. Pages of results arrive in group order, so a new group always goes at the
 * end; a passage of a page already shown joins that page's list, wherever it came in the walk.
 */
import type { Annotation } from '../annotation/record';
import type { Grouping, QueryItem } from '../store/library-query';
import { NO_ACTOR } from '../store/library-query';
import { el } from './dom';

interface GroupNode {
  section: HTMLLIElement;
  /** Flat list of passages (actor grouping) … */
  list?: HTMLOListElement;
  /** … or one list per page (site grouping). */
  pages?: Map<string, HTMLOListElement>;
  pageList?: HTMLUListElement;
}

export class ResultsView {
  private grouping: Grouping = 'none';
  private groups = new Map<string, GroupNode>();
  private headingCount = 0;

  constructor(
    private readonly doc: Document,
    private readonly root: HTMLOListElement,
  ) {}

  /** Empties the list for a new query. Sorting by site without grouping stays a flat list. */
  reset(grouping: Grouping): void {
    this.grouping = grouping;
    this.groups.clear();
    this.root.replaceChildren();
    this.root.classList.toggle('grouped', grouping !== 'none');
    this.root.dataset.grouping = grouping;
  }

  append(items: readonly QueryItem[], render: (annotation: Annotation) => HTMLLIElement): void {
    for (const { annotation, group } of items) this.listFor(annotation, group).append(render(annotation));
  }

  /** Every entry of one annotation (grouped by actor, it may be listed more than once). */
  entries(id: string): HTMLLIElement[] {
    return [...this.root.querySelectorAll<HTMLLIElement>('li.annotation')].filter((li) => li.dataset.id === id);
  }

  get count(): number {
    return this.root.querySelectorAll('li.annotation').length;
  }

  /** Annotations shown, each counted once (grouped by actor, one may be listed several times). */
  get distinct(): number {
    return new Set([...this.root.querySelectorAll<HTMLLIElement>('li.annotation')].map((li) => li.dataset.id)).size;
  }

  /** Hides headings left with no passage (after a delete), shows them again after an undo. */
  refreshHeadings(): void {
    for (const node of this.root.querySelectorAll<HTMLElement>('.group, .page-group')) {
      node.hidden = node.querySelector('li.annotation') === null;
    }
  }

  private listFor(annotation: Annotation, group: string): HTMLOListElement {
    if (this.grouping === 'none') return this.root;
    let node = this.groups.get(group);
    if (!node) {
      node = this.newGroup(group);
      this.groups.set(group, node);
    }
    if (node.list) return node.list;
    const source = annotation.target.source;
    let list = node.pages!.get(source);
    if (!list) {
      const page = el(this.doc, 'li', 'page-group');
      const heading = el(this.doc, 'h4', 'page-heading');
      const id = `page-heading-${++this.headingCount}`;
      heading.id = id;
      const link = el(this.doc, 'a', undefined, annotation.target.title || source);
      link.href = source;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      link.title = source;
      heading.append(link);
      list = el(this.doc, 'ol', 'annotations');
      list.setAttribute('aria-labelledby', id);
      page.append(heading, list);
      node.pageList!.append(page);
      node.pages!.set(source, list);
    }
    return list;
  }

  private newGroup(group: string): GroupNode {
    const section = el(this.doc, 'li', 'group');
    const heading = el(this.doc, 'h3', 'group-heading', this.grouping === 'actor' && group === NO_ACTOR ? 'No actor named' : group || 'Other');
    const id = `group-heading-${++this.headingCount}`;
    heading.id = id;
    section.append(heading);
    this.root.append(section);
    if (this.grouping === 'actor') {
      const list = el(this.doc, 'ol', 'annotations');
      list.setAttribute('aria-labelledby', id);
      section.append(list);
      return { section, list };
    }
    const pageList = el(this.doc, 'ul', 'pages');
    pageList.setAttribute('aria-labelledby', id);
    section.append(pageList);
    return { section, pages: new Map(), pageList };
  }
}
