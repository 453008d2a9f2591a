/**
 * The popup's "Scan this page" button, offered when automatic scanning is off: the reader
 * asks, the tab scans and paints, and the popup shows the new report.
 */
import type { BackgroundProtocol, ContentProtocol, Envelope, PageReport } from '../messages';
import { request, type Transport } from '../router';
import { errorText } from './dom';

export interface ScanNowDeps {
  send: Transport;
  sendToTab(tabId: number, message: Envelope): Promise<unknown>;
}

/** Shows the button and wires it; `show` renders the report the tab sends after its scan. */
export function offerScanNow(doc: Document, deps: ScanNowDeps, tabId: number, show: (report: PageReport) => void): void {
  const button = doc.getElementById('scan-now') as HTMLButtonElement;
  const hint = doc.getElementById('scan-hint') as HTMLElement;
  const summary = doc.getElementById('page-summary') as HTMLElement;
  summary.textContent = 'Not scanned yet: automatic scanning is off. Press “Scan this page” to see its actors and claims.';
  button.hidden = false;
  button.addEventListener('click', async () => {
    button.disabled = true;
    button.textContent = 'Scanning…';
    try {
      await request<ContentProtocol, 'page.scan'>((message) => deps.sendToTab(tabId, message), 'page.scan', {});
      const { report } = await request<BackgroundProtocol, 'page.status'>(deps.send, 'page.status', { tabId });
      if (report) show(report);
      button.hidden = true;
      hint.textContent = 'Scanned at your request. Automatic scanning stays off; scan other pages from here too.';
    } catch (error) {
      button.textContent = 'Scan this page';
      hint.textContent = `Could not scan this page: ${errorText(error)}.`;
    } finally {
      button.disabled = false;
    }
  });
}
