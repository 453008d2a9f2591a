/**
 * Page identity. Two visits to the same article must land on the same `target.source`,
 * so tracking parameters and fragments are dropped before an address is stored.
 */

const TRACKING_PARAMS = [
  /^utm_/i,
  /^(fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|igshid|yclid|twclid|_hsenc|_hsmi|mkt_tok|oly_anon_id|oly_enc_id|vero_id|wickedid|ncid|ocid|cmpid|smid|ref_src|ref_url|__twitter_impression)$/i,
];

function isTrackingParam(name: string): boolean {
  return TRACKING_PARAMS.some((pattern) => pattern.test(name));
}

/**
 * The page's canonical address: `<link rel=canonical>` when it is an absolute http(s) URL
 * on any host (publishers point AMP and syndicated copies at the original), otherwise the
 * address in the tab; either way without tracking parameters or fragment.
 */
export function canonicalUrl(pageUrl: string, linkCanonical?: string | null): string {
  let chosen: URL;
  try {
    chosen = new URL(pageUrl);
  } catch {
    return pageUrl;
  }
  if (linkCanonical) {
    try {
      const candidate = new URL(linkCanonical, chosen);
      if (candidate.protocol === 'http:' || candidate.protocol === 'https:') chosen = candidate;
    } catch {
      // A malformed canonical link is the page's mistake; the tab's address still identifies it.
    }
  }
  for (const name of [...chosen.searchParams.keys()]) {
    if (isTrackingParam(name)) chosen.searchParams.delete(name);
  }
  chosen.hash = '';
  return chosen.toString();
}

/** The site a page belongs to, for grouping: hostname without "www.". */
export function siteOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./i, '');
  } catch {
    return '';
  }
}
