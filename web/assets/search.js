/* 公信 public portal: search home. The form submits ?q= to this same page; this
 * script reads it, calls GET /api/v1/search and renders the result list. */
(function () {
  'use strict';
  var el = gx.el;
  var LIMIT = 20;

  var MATCHED_FIELD_ZH = {
    name: '名称',
    former_name: '曾用名',
    code: '统一社会信用代码',
    registration_number: '注册号'
  };

  var input = document.getElementById('q');
  var region = document.getElementById('results');
  var statusLine = region.querySelector('[data-testid="search-status"]');
  var list = region.querySelector('[data-testid="search-results"]');
  var intro = document.getElementById('intro');

  var query = gx.param('q').trim();
  if (!query) return;

  input.value = query;
  document.title = query + ' - 信用信息查询 - 公信';
  intro.hidden = true;
  region.hidden = false;
  region.setAttribute('aria-busy', 'true');
  setStatus('loading', '正在查询…');

  gx.getJson('/api/v1/search?q=' + encodeURIComponent(query) + '&limit=' + LIMIT)
    .then(render)
    .catch(function (err) {
      gx.clear(list);
      setStatus('error', err && err.message_zh ? err.message_zh : '查询失败，请稍后再试。');
    })
    .then(function () { region.removeAttribute('aria-busy'); });

  function setStatus(kind, text, extra) {
    gx.clear(statusLine);
    statusLine.className = 'results-status' + (kind === 'error' ? ' notice notice-error' : '') +
      (kind === 'empty' ? ' notice notice-empty' : '');
    statusLine.setAttribute('data-testid', kind === 'error' ? 'search-error' : kind === 'empty' ? 'search-empty' : 'search-status');
    statusLine.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    gx.append(statusLine, text);
    if (extra) gx.append(statusLine, extra);
  }

  function render(data) {
    var items = (data && Array.isArray(data.items)) ? data.items : [];
    var total = data && typeof data.total === 'number' ? data.total : items.length;
    gx.clear(list);
    if (!items.length) {
      setStatus('empty', '未找到与“' + query + '”相关的信用主体。',
        el('span', { class: 'notice-sub' }, '请检查输入是否正确，或尝试使用名称中的其他关键词、统一社会信用代码进行查询。'));
      return;
    }
    var summary = [
      '共找到 ', el('strong', { 'data-testid': 'search-total' }, String(total)), ' 个相关主体'
    ];
    if (total > items.length) summary.push('，显示前 ' + items.length + ' 个；请输入更完整的名称以缩小范围');
    setStatus('ok', summary);
    items.forEach(function (item) { list.appendChild(renderItem(item)); });
  }

  function renderItem(item) {
    var code = item.code == null ? '' : String(item.code);
    var matched = item.matched || {};
    var terms = Array.isArray(matched.terms) ? matched.terms : [];
    var field = matched.field;

    var nameNodes = field === 'name' || !field ? gx.highlight(item.name, terms) : [document.createTextNode(String(item.name == null ? '' : item.name))];
    var codeNodes = field === 'code' ? gx.highlight(code, terms) : [document.createTextNode(code)];

    var meta = el('div', { class: 'result-meta' },
      el('span', { class: 'tag tag-type', 'data-testid': 'result-type' }, gx.subjectTypeZh(item.type)),
      el('span', { class: 'result-code' },
        el('span', { class: 'meta-label' }, '统一社会信用代码：'),
        el('span', { class: 'mono', 'data-testid': 'result-code' }, codeNodes))
    );

    var extra = null;
    if (field === 'former_name') {
      extra = el('p', { class: 'result-extra', 'data-testid': 'result-former-name' },
        el('span', { class: 'meta-label' }, '曾用名：'), gx.highlight(matched.value, terms));
    } else if (field === 'registration_number') {
      extra = el('p', { class: 'result-extra', 'data-testid': 'result-registration-number' },
        el('span', { class: 'meta-label' }, '注册号：'), el('span', { class: 'mono' }, gx.highlight(matched.value, terms)));
    }

    var how = MATCHED_FIELD_ZH[field] ? '匹配：' + MATCHED_FIELD_ZH[field] : null;

    return el('li', { class: 'result-item', 'data-testid': 'result-item', 'data-code': code },
      el('a', { class: 'result-link', href: gx.subjectHref(code), 'data-testid': 'result-link' },
        el('span', { class: 'result-name', 'data-testid': 'result-name' }, nameNodes),
        el('span', { class: 'result-arrow', 'aria-hidden': 'true' }, '›')),
      meta,
      extra,
      how ? el('p', { class: 'result-how visually-hidden' }, how) : null
    );
  }
})();
