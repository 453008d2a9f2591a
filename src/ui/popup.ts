/**
 * The popup: the page at hand in brief (what was found, scanning on or off for its site, what
 * was saved from it), the most recent saves from anywhere, export, and the way to the library.
 * Every piece of page or user text is set with textContent; nothing here parses HTML.
 */
import type { Annotation } from '../annotation/record';
import { siteOf } from '../annotation/url';
import { type BackgroundProtocol, type Envelope, type PageReport, ReplyError, envelope } from '../messages';
import { request, type Transport } from '../router';
import { type Settings, isScanningOn, withSiteScanning } from '../settings';
import { download, el, errorText, plural, renderAnnotation } from './dom';
import { offerScanNow } from './popup-scan';

export { download, el, renderAnnotation } from './dom';

const PAGE_SIZE = 50;

export interface ActiveTab {
  id: number;
  /** Known only with host access to the tab; the page report carries it otherwise. */
  url?: string;
}

/** Everything the popup needs from the extension, passed in so tests can stand in for it. */
export interface PopupDeps {
  send: Transport;
  /** The tab the popup speaks about, or null (no tab, or a browser page). */
  activeTab(): Promise<ActiveTab | null>;
  sendToTab(tabId: number, message: Envelope): Promise<unknown>;
  loadSettings(): Promise<Settings>;
  saveSettings(settings: Settings): Promise<void>;
  openLibrary(): void;
}

function isWebPage(url: string | undefined): url is string {
  return typeof url === 'string' && /^https?:\/\//i.test(url);
}

export function summariseReport(report: PageReport): string {
  const { named, vague, unattributed } = report.claims;
  const claims = named + vague + unattributed;
  if (!report.scanning) return 'Scanning is off for this page.';
  if (!report.articleFound) return 'No article found on this page, so nothing was highlighted.';
  return `${plural(report.actors, 'actor')} and ${plural(claims, 'claim')} found; ${plural(report.saved, 'passage')} saved here.`;
}

/** The number the toolbar button shows for this tab (its claims), next to the section heading. */
function showBadgeCount(doc: Document, claims: number): void {
  const badge = doc.getElementById('page-badge');
  if (!badge) return;
  badge.textContent = String(claims);
  badge.title = `${plural(claims, 'claim')} on this page: the number on the Claimlens toolbar button`;
  badge.setAttribute('aria-label', badge.title);
  badge.hidden = false;
}

/** The "this page" section: report, scanning switch, and the annotations saved from it. */
async function showThisPage(doc: Document, deps: PopupDeps): Promise<void> {
  const summary = doc.getElementById('page-summary') as HTMLParagraphElement;
  const claimsList = doc.getElementById('page-claims') as HTMLUListElement;
  const actorsList = doc.getElementById('page-actors') as HTMLUListElement;
  const scanRow = doc.getElementById('scan-row') as HTMLDivElement;
  const scanSwitch = doc.getElementById('scan-site') as HTMLInputElement;
  const scanLabel = doc.getElementById('scan-label') as HTMLLabelElement;
  const scanHint = doc.getElementById('scan-hint') as HTMLParagraphElement;
  const savedHeading = doc.getElementById('page-saved-heading') as HTMLHeadingElement;
  const savedList = doc.getElementById('page-annotations') as HTMLOListElement;

  const tab = await deps.activeTab();
  const report = tab
    ? (await request<BackgroundProtocol, 'page.status'>(deps.send, 'page.status', { tabId: tab.id })).report
    : null;
  const pageUrl = report?.pageUrl || tab?.url;
  if (!tab || !isWebPage(pageUrl)) {
    summary.textContent = 'Open a news article in this tab: Claimlens will show who is quoted and what they claim.';
    return;
  }

  // Scanning switch for the site.
  const site = siteOf(pageUrl);
  let settings = await deps.loadSettings();
  scanRow.hidden = false;
  scanLabel.textContent = `Scan ${site}`;
  const showSwitch = () => {
    scanSwitch.checked = !settings.disabledSites.includes(site);
    scanHint.textContent = !settings.autoScan
      ? 'Automatic scanning is off in the options: Claimlens scans a page only when you ask.'
      : scanSwitch.checked
        ? ''
        : `Claimlens leaves ${site} alone: nothing is highlighted there.`;
  };
  showSwitch();
  scanSwitch.addEventListener('change', async () => {
    scanSwitch.disabled = true;
    try {
      settings = withSiteScanning(await deps.loadSettings(), site, scanSwitch.checked);
      await deps.saveSettings(settings);
      // Open tabs follow the settings change themselves; this makes the change immediate here.
      await deps.sendToTab(tab.id, envelope('page.rescan', {})).catch(() => undefined);
      showSwitch();
    } catch (error) {
      scanHint.textContent = `Could not change the setting: ${errorText(error)}. Try again.`;
    } finally {
      scanSwitch.disabled = false;
    }
  });

  const showReport = (report: PageReport) => {
    summary.textContent = summariseReport(report);
    claimsList.replaceChildren();
    actorsList.replaceChildren();
    if (report.scanning && report.articleFound) {
      const { named, vague, unattributed } = report.claims;
      showBadgeCount(doc, named + vague + unattributed);
      for (const [label, n, cls] of [
        ['named source', named, 'named'],
        ['vague source', vague, 'vague'],
        ['unattributed', unattributed, 'unattributed'],
      ] as const) {
        const item = el(doc, 'li', `sourcing-${cls}`);
        item.append(el(doc, 'strong', undefined, String(n)), ` ${label}`);
        claimsList.append(item);
      }
      claimsList.hidden = false;
      for (const actor of report.topActors.slice(0, 6)) {
        const item = el(doc, 'li', `actor actor-${actor.type}`, actor.name);
        item.append(el(doc, 'span', 'count', String(actor.count)));
        item.title = `${actor.name}: ${actor.type}, mentioned ${plural(actor.count, 'time')}`;
        actorsList.append(item);
      }
      actorsList.hidden = actorsList.childElementCount === 0;
    }
  };
  if (!report) {
    summary.textContent = isScanningOn(settings, pageUrl)
      ? 'Claimlens has not reported on this page yet. Reload the page if it was open before Claimlens was installed.'
      : 'Scanning is off for this site. Turn it on to see the actors and claims.';
  } else {
    showReport(report);
  }
  if (!settings.autoScan && !settings.disabledSites.includes(site) && !report?.scanning) offerScanNow(doc, deps, tab.id, showReport);

  // Saved from this page, with the passages that could not be found again marked.
  // Passages are filed under the page's canonical address when it names one (AMP or syndicated copies).
  const { annotations } = await request<BackgroundProtocol, 'annotation.forPage'>(deps.send, 'annotation.forPage', {
    pageUrl,
    canonicalLink: report?.canonicalLink ?? null,
  });
  const orphans = new Set(report?.orphans.map((o) => o.id) ?? []);
  savedHeading.textContent = annotations.length
    ? `Saved from this page (${annotations.length})`
    : 'Nothing saved from this page yet';
  for (const annotation of annotations) {
    const item = renderAnnotation(doc, annotation);
    if (orphans.has(annotation.id)) {
      item.classList.add('orphan');
      item.prepend(el(doc, 'p', 'orphan-label', 'Passage no longer on this page'));
    }
    savedList.append(item);
  }
  if (!annotations.length) {
    savedList.after(el(doc, 'p', 'hint', 'Select text in the article and choose “Save to Claimlens”, or press Alt+Shift+S.'));
  }
}

export async function startPopup(doc: Document, deps: PopupDeps): Promise<void> {
  const list = doc.getElementById('annotations') as HTMLOListElement;
  const status = doc.getElementById('status') as HTMLParagraphElement;
  const more = doc.getElementById('more') as HTMLButtonElement;
  const exportButton = doc.getElementById('export') as HTMLButtonElement;
  const libraryButton = doc.getElementById('open-library') as HTMLButtonElement;
  const pageError = doc.getElementById('page-summary') as HTMLParagraphElement;
  let last: Annotation | undefined;

  const loadPage = async () => {
    const before = last ? { created: last.created, id: last.id } : null;
    const page = await request<BackgroundProtocol, 'annotation.list'>(deps.send, 'annotation.list', {
      limit: PAGE_SIZE,
      before,
    });
    list.append(...page.items.map((a) => renderAnnotation(doc, a)));
    last = page.items[page.items.length - 1] ?? last;
    const shown = list.childElementCount;
    status.textContent =
      page.total === 0
        ? 'Nothing saved yet. Select text on a news page and choose “Save to Claimlens”.'
        : `${plural(page.total, 'saved annotation')} in all; the latest first.`;
    more.hidden = shown >= page.total;
    exportButton.disabled = page.total === 0;
  };

  libraryButton.addEventListener('click', () => deps.openLibrary());
  more.addEventListener('click', () => void loadPage().catch(showError));
  exportButton.addEventListener('click', async () => {
    exportButton.disabled = true;
    try {
      const file = await request<BackgroundProtocol, 'annotation.export'>(deps.send, 'annotation.export', { format: 'jsonld' });
      download(doc, file.filename, file.mimeType, file.content);
    } catch (error) {
      // A large collection is exported from the library, with progress and a choice of format.
      if (error instanceof ReplyError && error.code === 'too-large') {
        status.textContent = `${errorText(error)} Opening the library…`;
        deps.openLibrary();
        return;
      }
      showError(error);
    } finally {
      exportButton.disabled = false;
    }
  });

  function showError(error: unknown) {
    status.textContent = `Could not load the saved annotations: ${errorText(error)}. Close and reopen the popup to try again.`;
  }

  await Promise.all([
    loadPage().catch(showError),
    showThisPage(doc, deps).catch((error) => {
      pageError.textContent = `Could not read this page's report: ${errorText(error)}. Reload the page and reopen the popup.`;
    }),
  ]);
  doc.body.dataset.ready = 'true';
}

