"""The web UI's stylesheet and its one piece of page script (no gradio here)."""

CSS = """
.pa-status { font-size: .9em; color: var(--body-text-color-subdued); }
.pa-transcript { display: flex; flex-direction: column; gap: 14px; padding: 4px; }
.pa-asked { font-size: .85em; color: var(--body-text-color-subdued); font-style: italic; }
.pa-a { border-left: 4px solid #16a34a; padding: 8px 12px; border-radius: 6px; margin-top: 6px;
        background: var(--background-fill-secondary); }
.pa-a.pa-extractive { border-left-color: #2563eb; }
.pa-a.pa-low { border-left-color: #d97706; background: rgba(217, 119, 6, .10); }
.pa-a.pa-abstained { border-left: 4px dashed #6b7280; font-style: italic;
                     color: var(--body-text-color-subdued); }
.pa-a.pa-draft { border-left-color: #9ca3af; color: var(--body-text-color-subdued); }
.pa-a.pa-error { border-left-color: #dc2626; }
.pa-badge { font-size: .75em; padding: 1px 8px; border-radius: 999px; font-weight: 600;
            font-style: normal; white-space: nowrap; }
.pa-text { white-space: pre-line; }
.pa-badge-ok { background: #dcfce7; color: #166534; }
.pa-badge-low { background: #fef3c7; color: #92400e; }
.pa-badge-abstained { background: #e5e7eb; color: #374151; }
.pa-badge-mode { background: #dbeafe; color: #1e40af; }
a.pa-cite { color: #2563eb; font-weight: 600; text-decoration: none; cursor: pointer;
            padding: 0; margin: 0 0 0 2px; }
#pa-papers td, #pa-papers th, #pa-papers span { font-family: var(--font); }
a.pa-cite:hover { text-decoration: underline; }
.pa-refs { font-size: .85em; margin: 6px 0 0; padding-left: 0; list-style: none; }
.pa-turn-sources { display: none; }
.pa-turn-sources.pa-shown { display: block; }
.pa-for { font-weight: 600; margin-bottom: 6px; }
.pa-src { border: 1px solid var(--border-color-primary); border-radius: 6px; padding: 6px 10px;
          margin-bottom: 8px; }
.pa-src.pa-active { border-color: #2563eb; box-shadow: 0 0 0 2px rgba(37, 99, 235, .25); }
.pa-src summary { cursor: pointer; }
.pa-meta { font-size: .8em; color: var(--body-text-color-subdued); }
.pa-abstract { font-size: .9em; line-height: 1.5; margin-top: 6px; }
.pa-abstract mark, .pa-sources mark { background: #fde68a; color: #111; padding: 0 2px; }
.pa-others { font-size: .85em; }
.pa-msg-error { color: #b91c1c; font-weight: 600; }
.pa-msg-ok { color: #166534; font-weight: 600; }
.pa-empty { color: var(--body-text-color-subdued); font-style: italic; padding: 12px; }
.pa-badge-partial { background: #ede9fe; color: #5b21b6; }
.pa-reason { font-size: .9em; margin: 4px 0; font-style: normal; }
.pa-asks { display: flex; gap: 18px; font-size: .88em; margin: 4px 0; }
.pa-asks ul { margin: 2px 0 0; padding-left: 18px; }
.pa-answered b { color: #166534; }
.pa-missing b { color: #92400e; }
.pa-tiers { font-size: .85em; color: var(--body-text-color-subdued); margin: 4px 0; }
.pa-weak-head { font-size: .8em; font-weight: 600; color: #92400e; margin-top: 6px; }
.pa-refs-weak li { opacity: .85; }
.pa-ref-links { font-size: .9em; margin-left: 4px; }
a.pa-link, a.pa-open { color: #2563eb; }
.pa-takeaway { margin-top: 8px; font-size: .85em; display: flex; flex-wrap: wrap; gap: 8px;
               align-items: center; font-style: normal; }
.pa-takeaway button.pa-copy { border: 1px solid var(--border-color-primary); border-radius: 6px;
                              padding: 2px 10px; cursor: pointer; font: inherit;
                              font-size: 1em; font-weight: 600; color: #2563eb;
                              background: var(--background-fill-primary); }
.pa-takeaway button.pa-copied { border-color: #16a34a; color: #166534; }
a.pa-download { color: #2563eb; }
.pa-md-view { flex-basis: 100%; }
.pa-md { white-space: pre-wrap; font-size: .95em; max-height: 320px; overflow: auto;
         background: var(--background-fill-primary); padding: 8px; border-radius: 6px; }
.pa-active-filters { font-size: .9em; padding: 6px 0; }
.pa-active-filters.pa-off { color: var(--body-text-color-subdued); }
.pa-filter-bar { align-items: center; justify-content: flex-start; gap: 10px; }
.pa-filter-bar > div { flex: 0 1 auto !important; min-width: 0 !important; width: auto !important; }
.pa-filter-col { gap: 2px !important; }
.pa-field-error { color: #b91c1c; font-size: .8em; font-weight: 600; margin-top: 2px; }
.pa-detail { font-size: .9em; margin-top: 4px; }
.pa-ids { margin-top: 8px; }
table.pa-library { width: 100%; border-collapse: collapse; font-size: .88em; }
table.pa-library th, table.pa-library td { text-align: left; vertical-align: top; padding: 6px;
                                          border: 1px solid var(--border-color-primary); }
table.pa-library td:nth-child(n+3) { white-space: nowrap; }
table.pa-library td.pa-lib-title { font-weight: 600; width: 30%; }
.pa-progress { margin: 6px 0; }
.pa-bar { height: 12px; border-radius: 999px; background: var(--background-fill-secondary);
          border: 1px solid var(--border-color-primary); overflow: hidden; }
.pa-fill { height: 100%; background: #2563eb; transition: width .4s; }
.pa-progress[data-status="finished"] .pa-fill { background: #16a34a; }
.pa-progress[data-status="failed"] .pa-fill { background: #dc2626; }
.pa-progress-label, .pa-lib-count { font-size: .85em; margin-top: 4px;
                                    color: var(--body-text-color-subdued); }
"""


# One click handler on the transcript (event delegation survives re-renders):
# - [n] shows that answer's sources, opens the cited paper's card and scrolls it into view;
# - "paper view" on a reference asks the server to open that paper in the Papers tab;
# - "Copy as Markdown" copies the answer's Markdown (shown below it) to the clipboard.
TRANSCRIPT_JS = """
element.addEventListener('click', (event) => {
  const open = event.target.closest('a.pa-open');
  if (open) {
    event.preventDefault();
    trigger('click', {paper_id: open.dataset.paper});
    return;
  }
  const copy = event.target.closest('button.pa-copy');
  if (copy) {
    const text = copy.closest('.pa-takeaway').querySelector('.pa-md').textContent;
    const done = () => { copy.textContent = 'Copied'; copy.classList.add('pa-copied'); };
    const fallback = () => {
      const area = document.createElement('textarea');
      area.value = text;
      document.body.appendChild(area);
      area.select();
      document.execCommand('copy');
      area.remove();
      done();
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
    return;
  }
  const link = event.target.closest('a.pa-cite');
  if (!link) return;
  event.preventDefault();
  const card = document.getElementById(link.getAttribute('href').slice(1));
  if (!card) return;
  const group = card.closest('.pa-turn-sources');
  document.querySelectorAll('.pa-turn-sources').forEach(
    (g) => g.classList.toggle('pa-shown', g === group));
  document.querySelectorAll('.pa-src.pa-active').forEach((c) => c.classList.remove('pa-active'));
  card.open = true;
  card.classList.add('pa-active');
  card.scrollIntoView({block: 'nearest', behavior: 'smooth'});
});
"""
