// The knowledge base page: search (hybrid, vector, full text), the document list, and one
// document. Plain browser JavaScript; routes live in the URL hash so every view can be linked.

const $ = (id) => document.getElementById(id);
const views = ['results', 'documents', 'document'];

function show(view) {
  for (const name of views) $(name).hidden = name !== view;
}

function setStatus(text) {
  $('status').textContent = text;
}

function element(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
  for (const child of children) node.append(child);
  return node;
}

async function api(path) {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.message || `${response.status} ${response.statusText}`);
  return body;
}

function tags(metadata) {
  const list = metadata && Array.isArray(metadata.tags) ? metadata.tags : [];
  return list.map((tag) => element('span', { class: 'tag' }, String(tag)));
}

/** Inline markdown: `code` spans, everything else as text (never as HTML). */
function inline(text) {
  const parts = String(text).split(/(`[^`]+`)/);
  return parts.map((part) =>
    part.startsWith('`') && part.endsWith('`') && part.length > 1
      ? element('code', {}, part.slice(1, -1))
      : part,
  );
}

/** A small markdown renderer for the corpus: headings and paragraphs. */
function renderMarkdown(markdown) {
  const nodes = [];
  const body = String(markdown).replace(/^---\n[\s\S]*?\n---\n/, '');
  for (const block of body.split(/\n{2,}/)) {
    const text = block.trim();
    if (text === '') continue;
    const heading = /^(#{1,6})\s+(.*)$/.exec(text);
    if (heading) nodes.push(element(`h${Math.min(heading[1].length + 1, 6)}`, {}, ...inline(heading[2])));
    else nodes.push(element('p', {}, ...inline(text.replace(/\n/g, ' '))));
  }
  return nodes;
}

async function search(query, mode) {
  show('results');
  const results = $('results');
  results.replaceChildren();
  setStatus(`Searching for “${query}”…`);
  try {
    const params = new URLSearchParams({ q: query, mode, limit: '10' });
    const body = await api(`/api/search?${params}`);
    if (body.results.length === 0) {
      setStatus(`No results for “${query}”.`);
      return;
    }
    const count = body.results.length;
    setStatus(`${count} ${count === 1 ? 'result' : 'results'} for “${query}” (${body.mode}).`);
    for (const hit of body.results) {
      results.append(
        element(
          'a',
          { class: 'card result', href: `#/documents/${hit.documentId}`, 'data-document-id': hit.documentId },
          element('h2', {}, hit.title),
          element('p', {}, ...inline(hit.snippet)),
          element(
            'div',
            { class: 'meta' },
            `score ${Number(hit.score).toFixed(4)} · passage ${hit.chunkIndex + 1}`,
          ),
        ),
      );
    }
  } catch (error) {
    setStatus(`Search failed: ${error.message}`);
  }
}

async function listDocuments() {
  show('documents');
  const list = $('documents');
  list.replaceChildren();
  setStatus('Loading documents…');
  try {
    const body = await api('/api/documents?sort=title&limit=100');
    setStatus(`${body.total} documents. Search above, or open one.`);
    for (const doc of body.data) {
      list.append(
        element(
          'a',
          { class: 'card document-link', href: `#/documents/${doc.id}` },
          element('h2', {}, doc.title),
          element('div', { class: 'meta' }, ...tags(doc.metadata), doc.source || ''),
        ),
      );
    }
  } catch (error) {
    setStatus(`Could not load the documents: ${error.message}`);
  }
}

async function openDocument(id) {
  show('document');
  const article = $('document');
  article.replaceChildren();
  setStatus('');
  try {
    const doc = await api(`/api/documents/${encodeURIComponent(id)}`);
    const rendered = renderMarkdown(doc.content);
    // The corpus starts with its title as a heading; show it once.
    if (rendered[0] && rendered[0].tagName === 'H2' && rendered[0].textContent === doc.title)
      rendered.shift();
    article.append(
      element('h1', { id: 'document-title' }, doc.title),
      element('div', { class: 'meta' }, ...tags(doc.metadata), doc.source || ''),
      element('div', { id: 'document-body' }, ...rendered),
      element('p', {}, element('a', { href: '#/' }, '← All documents')),
    );
    document.title = `${doc.title} · Knowledge base`;
  } catch (error) {
    setStatus(`Could not open the document: ${error.message}`);
  }
}

function route() {
  const hash = location.hash.replace(/^#/, '') || '/';
  const doc = /^\/documents\/([^/?]+)$/.exec(hash);
  if (doc) return openDocument(decodeURIComponent(doc[1]));
  const found = /^\/search\?(.*)$/.exec(hash);
  if (found) {
    const params = new URLSearchParams(found[1]);
    const query = params.get('q') || '';
    const mode = params.get('mode') || 'hybrid';
    $('search-input').value = query;
    $('search-mode').value = mode;
    if (query.trim() !== '') return search(query, mode);
  }
  document.title = 'Knowledge base';
  return listDocuments();
}

$('search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const query = $('search-input').value.trim();
  if (query === '') return;
  const params = new URLSearchParams({ q: query, mode: $('search-mode').value });
  location.hash = `#/search?${params}`;
});

window.addEventListener('hashchange', route);
route();
