// The demo page's own code (theme switch, event log), kept out of the HTML so the page runs under a
// strict Content-Security-Policy (script-src 'self', no inline scripts).
const widgets = document.querySelectorAll('changefind-search');
document.querySelector('#theme').addEventListener('change', (e) => {
  for (const w of widgets) e.target.value ? w.setAttribute('theme', e.target.value) : w.removeAttribute('theme');
  document.documentElement.dataset.theme = e.target.value;
});
const log = document.querySelector('#log');
const note = (text) => {
  const li = document.createElement('li');
  li.textContent = text;
  log.prepend(li);
  while (log.children.length > 5) log.lastElementChild.remove();
};
document.addEventListener('changefind-search', (e) =>
  note(`changefind-search: "${e.detail.query}" ${JSON.stringify(e.detail.filters)} -> ${e.detail.total}`),
);
document.addEventListener('changefind-select', (e) => note(`changefind-select: ${e.detail.record.title}`));
