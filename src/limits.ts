/** Size bounds for everything that crosses a trust boundary (messages, imported files). */
export const LIMITS = {
  exact: 20_000,
  context: 200,
  note: 20_000,
  title: 1_000,
  url: 4_096,
  tag: 100,
  tags: 50,
  actor: 200,
  actors: 200,
  articleText: 5_000_000,
  pageSize: 500,
  /** Saved passages anchored in one request (a page's worth, however heavily annotated). */
  anchorTargets: 10_000,
} as const;
