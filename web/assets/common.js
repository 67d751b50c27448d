/* 公信 public portal: shared helpers (fetch, escaping, DOM building, labels).
 *
 * Rule of this code base: text that comes from the API is NEVER put into innerHTML.
 * Pages build their DOM with gx.el(), which only ever creates text nodes for strings.
 * gx.escapeHtml() exists for the rare case where HTML text must be produced. */
(function (global) {
  'use strict';

  var HTML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

  /** Escapes text for use inside HTML element content or a quoted attribute. */
  function escapeHtml(value) {
    return String(value == null ? '' : value).replace(/[&<>"'`]/g, function (c) { return HTML_ESCAPES[c]; });
  }

  /**
   * Creates an element. attrs: plain attributes (strings), plus `class`, `text`
   * (text content) and `on` ({event: handler}). children: nodes, strings (become
   * text nodes), arrays, null/undefined/false (skipped).
   */
  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (key) {
        var v = attrs[key];
        if (v == null || v === false) return;
        if (key === 'text') node.textContent = String(v);
        else if (key === 'class') node.className = v;
        else if (key === 'on') Object.keys(v).forEach(function (ev) { node.addEventListener(ev, v[ev]); });
        else if (key === 'href') node.setAttribute('href', safeHref(v));
        else node.setAttribute(key, v === true ? '' : String(v));
      });
    }
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }

  function append(parent, child) {
    if (child == null || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (c) { append(parent, c); }); return; }
    if (typeof child === 'string' || typeof child === 'number') child = document.createTextNode(String(child));
    parent.appendChild(child);
  }

  /** Only same-site relative links and http(s) URLs; anything else becomes "#". */
  function safeHref(href) {
    var s = String(href);
    if (/^(?:[a-z][a-z0-9+.-]*:)/i.test(s) && !/^https?:/i.test(s)) return '#';
    return s;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  /**
   * Returns an array of nodes: `text` with every occurrence of any of `terms`
   * wrapped in <mark>. Case-insensitive for Latin letters; the longest term wins
   * when terms overlap. Everything stays a text node, so API text is never parsed.
   */
  function highlight(text, terms) {
    text = String(text == null ? '' : text);
    var list = (terms || []).map(function (t) { return String(t == null ? '' : t); })
      .filter(function (t) { return t.length > 0; })
      .sort(function (a, b) { return b.length - a.length; });
    if (!list.length || !text) return [document.createTextNode(text)];
    var lower = text.toLowerCase();
    var marks = new Array(text.length);
    list.forEach(function (term) {
      var t = term.toLowerCase();
      var from = 0, at;
      while ((at = lower.indexOf(t, from)) !== -1) {
        for (var k = at; k < at + t.length; k++) marks[k] = true;
        from = at + t.length;
      }
    });
    var out = [];
    var i = 0;
    while (i < text.length) {
      var j = i;
      var on = !!marks[i];
      while (j < text.length && !!marks[j] === on) j++;
      var piece = text.slice(i, j);
      out.push(on ? el('mark', { class: 'hl' }, piece) : document.createTextNode(piece));
      i = j;
    }
    return out;
  }

  /** Error from the API: carries the server's Chinese message when it sent one. */
  function ApiError(status, code, message, messageZh) {
    this.name = 'ApiError';
    this.status = status;
    this.code = code || '';
    this.message = message || '';
    this.message_zh = messageZh || '';
  }
  ApiError.prototype = Object.create(Error.prototype);
  ApiError.prototype.constructor = ApiError;

  var STATUS_ZH = {
    400: '请求有误，请检查输入后重试。',
    401: '未登录或凭证无效。',
    403: '无权访问该信息。',
    404: '未找到相关信息。',
    429: '查询过于频繁，请稍后再试。',
    500: '服务器内部错误，请稍后再试。',
    502: '服务暂时不可用，请稍后再试。',
    503: '服务暂时不可用，请稍后再试。'
  };

  /**
   * GET a JSON endpoint of the same origin. Resolves with the parsed body; rejects
   * with an ApiError whose message_zh is the server's, or a generic Chinese one.
   */
  function getJson(path) {
    return fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .catch(function () {
        throw new ApiError(0, 'network', 'network error', '网络连接失败，请检查网络后重试。');
      })
      .then(function (res) {
        return res.text().then(function (body) {
          var data = null;
          try { data = body ? JSON.parse(body) : null; } catch (e) { data = null; }
          if (res.ok) {
            if (data === null) throw new ApiError(res.status, 'bad_response', 'invalid JSON', '服务器返回的数据无法解析，请稍后再试。');
            return data;
          }
          var err = data && data.error ? data.error : {};
          throw new ApiError(err.status || res.status, err.code, err.message,
            err.message_zh || STATUS_ZH[res.status] || ('请求失败（' + res.status + '），请稍后再试。'));
        });
      });
  }

  /** Chinese label of a subject type code. */
  var SUBJECT_TYPES_ZH = {
    enterprise: '企业',
    individual_business: '个体工商户',
    government_body: '机关',
    public_institution: '事业单位',
    social_organisation: '社会组织',
    natural_person: '自然人'
  };
  function subjectTypeZh(type) {
    return Object.prototype.hasOwnProperty.call(SUBJECT_TYPES_ZH, type) ? SUBJECT_TYPES_ZH[type] : '其他';
  }

  function param(name) {
    var v = new URLSearchParams(global.location.search).get(name);
    return v == null ? '' : v;
  }

  function subjectHref(code) {
    return 'subject.html?code=' + encodeURIComponent(code);
  }

  function isBlank(v) {
    return v == null || String(v).trim() === '';
  }

  global.gx = {
    escapeHtml: escapeHtml,
    el: el,
    append: append,
    clear: clear,
    highlight: highlight,
    getJson: getJson,
    ApiError: ApiError,
    subjectTypeZh: subjectTypeZh,
    param: param,
    subjectHref: subjectHref,
    isBlank: isBlank
  };
})(window);
