/* 公信 public portal: a subject's public archive (信用档案). Reads ?code=, calls
 * GET /api/v1/subjects/{code} and renders the header, registration facts and one
 * section per information class. Field values are shown exactly as the server sends
 * them: the server masks personal data for the viewer's role. */
(function () {
  'use strict';
  var el = gx.el;
  var root = document.getElementById('subject-root');

  var CODE_KIND_ZH = {
    uscc: '统一社会信用代码',
    id_number: '身份证件号码',
    registration_number: '注册号',
    organisation_code: '组织机构代码'
  };
  var RECORD_STATE_ZH = {
    objection: '异议处理中',
    disputed: '异议处理中',
    corrected: '已更正',
    revoked: '已撤销',
    repaired: '已修复',
    expired: '公示期满'
  };

  var code = gx.param('code').trim();
  if (!code) {
    show(el('div', { class: 'notice notice-error', role: 'alert', 'data-testid': 'subject-error' },
      '缺少主体代码。', el('a', { href: './' }, '返回查询')));
    return;
  }

  gx.getJson('/api/v1/subjects/' + encodeURIComponent(code))
    .then(render)
    .catch(function (err) {
      if (err && err.status === 404) {
        document.title = '未找到 - 信用档案 - 公信';
        show(el('div', { class: 'notice notice-empty', role: 'alert', 'data-testid': 'subject-notfound' },
          el('strong', null, '未找到该主体或无公开信息'),
          el('span', { class: 'notice-sub' }, '请核对统一社会信用代码，或', el('a', { href: './' }, '返回首页重新查询'), '。')));
        return;
      }
      show(el('div', { class: 'notice notice-error', role: 'alert', 'data-testid': 'subject-error' },
        err && err.message_zh ? err.message_zh : '加载失败，请稍后再试。'));
    });

  function show(node) {
    gx.clear(root);
    root.appendChild(node);
  }

  function text(v) {
    if (v == null || v === '') return '—';
    if (Array.isArray(v)) return v.map(text).join('、');
    if (typeof v === 'object') return JSON.stringify(v);
    return String(v);
  }

  function render(data) {
    var subject = (data && data.subject) || {};
    var view = (data && data.view) || {};
    var classes = (data && Array.isArray(data.classes)) ? data.classes : [];
    if (subject.name) document.title = subject.name + ' - 信用档案 - 公信';

    var frag = document.createDocumentFragment();
    frag.appendChild(renderHeader(subject, view));
    frag.appendChild(renderRegistration(subject));

    if (!classes.length) {
      frag.appendChild(el('section', { class: 'card empty-card', 'data-testid': 'subject-empty' },
        el('h2', { class: 'card-title' }, '信用信息'),
        el('p', { class: 'empty-text' }, '暂无公示信息')));
    } else {
      frag.appendChild(renderClassNav(classes));
      classes.forEach(function (c) { frag.appendChild(renderClass(c)); });
    }
    show(frag);
  }

  function renderHeader(s, view) {
    var formers = Array.isArray(s.former_names) ? s.former_names.filter(function (n) { return !gx.isBlank(n); }) : [];
    var typeZh = s.type_zh || gx.subjectTypeZh(s.type);
    var facts = el('dl', { class: 'facts facts-header' },
      fact(CODE_KIND_ZH[s.code_kind] || '主体代码', el('span', { class: 'mono', 'data-testid': 'subject-code' }, text(s.code))),
      fact('主体类型', el('span', { 'data-testid': 'subject-type' }, typeZh)),
      !gx.isBlank(s.status) ? fact('登记状态', el('span', { 'data-testid': 'subject-status' }, text(s.status))) : null,
      (!gx.isBlank(s.division_name) || !gx.isBlank(s.division))
        ? fact('所属地区', el('span', { 'data-testid': 'subject-division' }, text(s.division_name || s.division))) : null,
      formers.length ? fact('曾用名', el('span', { 'data-testid': 'subject-former-names' }, formers.join('；'))) : null
    );

    var viewBits = [];
    if (view.role_zh) viewBits.push('查看身份：' + view.role_zh);
    if (view.as_of) viewBits.push('数据截至 ' + view.as_of);
    if (view.masked) viewBits.push('个人信息已脱敏');
    if (view.role === 'public' || view.full === false) viewBits.push('仅显示公示期内的公开信息');

    return el('section', { class: 'card subject-header', 'data-testid': 'subject-header', 'aria-labelledby': 'subject-name' },
      el('div', { class: 'subject-title-row' },
        el('h1', { class: 'subject-name', id: 'subject-name', 'data-testid': 'subject-name' }, text(s.name)),
        el('div', { class: 'subject-tags' },
          el('span', { class: 'tag tag-type' }, typeZh),
          !gx.isBlank(s.status) ? el('span', { class: 'tag tag-status' }, text(s.status)) : null)),
      facts,
      s.stub ? el('p', { class: 'subject-note', 'data-testid': 'subject-stub' },
        '该主体暂无登记信息，以上名称来自数据来源单位报送的信用记录。') : null,
      viewBits.length ? el('p', { class: 'view-note', 'data-testid': 'view-note' }, viewBits.join(' · ')) : null
    );
  }

  function fact(label, valueNode, attrs) {
    var wrap = el('div', Object.assign({ class: 'fact' }, attrs || {}),
      el('dt', null, label),
      el('dd', null, valueNode));
    return wrap;
  }

  function renderRegistration(s) {
    var reg = Array.isArray(s.registration) ? s.registration : [];
    var body = reg.length
      ? el('dl', { class: 'facts facts-grid' }, reg.map(function (f) {
        return fact(f.name_zh || f.field || '', text(f.value),
          { 'data-testid': 'registration-field', 'data-field': f.field || '', title: f.name_en || null });
      }))
      : el('p', { class: 'empty-text' }, '暂无登记信息');
    return el('section', { class: 'card', 'data-testid': 'registration-card', 'aria-labelledby': 'reg-title' },
      el('h2', { class: 'card-title', id: 'reg-title' }, '登记信息'),
      body);
  }

  function classAnchor(c) {
    return 'class-' + String(c['class'] || 'x').replace(/[^A-Za-z0-9_-]/g, '_');
  }

  function classCount(c) {
    if (typeof c.count === 'number') return c.count;
    return Array.isArray(c.records) ? c.records.length : 0;
  }

  function renderClassNav(classes) {
    return el('nav', { class: 'class-nav', 'aria-label': '信用信息分类', 'data-testid': 'class-nav' },
      el('ul', null, classes.map(function (c) {
        return el('li', null,
          el('a', { href: '#' + classAnchor(c), 'data-testid': 'class-nav-item', 'data-class': c['class'] || '' },
            text(c.name_zh || c['class']),
            el('span', { class: 'count', 'aria-label': classCount(c) + '条' }, String(classCount(c)))));
      })));
  }

  function renderClass(c) {
    var records = Array.isArray(c.records) ? c.records : [];
    var id = classAnchor(c);
    var count = classCount(c);
    var section = el('section', {
      class: 'class-section', id: id, 'data-testid': 'class-section', 'data-class': c['class'] || '',
      'aria-labelledby': id + '-title'
    },
    el('h2', { class: 'class-title', id: id + '-title', 'data-testid': 'class-title' },
      text(c.name_zh || c['class']),
      el('span', { class: 'count', 'data-testid': 'class-count' }, String(count)),
      c.name_en ? el('span', { class: 'class-title-en', lang: 'en' }, c.name_en) : null));

    if (!records.length) {
      section.appendChild(el('p', { class: 'card empty-text' }, '暂无公示信息'));
    } else {
      var list = el('ol', { class: 'record-list' });
      records.forEach(function (r, i) { list.appendChild(renderRecord(r, i)); });
      section.appendChild(list);
      if (count > records.length) {
        section.appendChild(el('p', { class: 'more-note' }, '共 ' + count + ' 条，此处显示 ' + records.length + ' 条。'));
      }
    }
    return section;
  }

  function recordTitle(r) {
    var fields = Array.isArray(r.fields) ? r.fields : [];
    for (var i = 0; i < fields.length; i++) {
      var n = fields[i].name_zh || '';
      if (/文号|决定书|编号|案号/.test(n) && !gx.isBlank(fields[i].value)) return text(fields[i].value);
    }
    return null;
  }

  function renderRecord(r, index) {
    var fields = Array.isArray(r.fields) ? r.fields : [];
    var title = recordTitle(r);
    var shownByBadge = r.publicity && r.publicity.status === r.state;
    var stateZh = r.state && r.state !== 'active' && !shownByBadge ? (r.state_zh || RECORD_STATE_ZH[r.state] || null) : null;

    return el('li', { class: 'card record-card', 'data-testid': 'record-card', 'data-record-id': r.id == null ? '' : String(r.id) },
      el('div', { class: 'record-head' },
        el('h3', { class: 'record-title' }, title || ('第 ' + (index + 1) + ' 条')),
        r.decision_date ? el('span', { class: 'record-date', 'data-testid': 'record-date' }, '决定日期：' + r.decision_date) : null,
        stateZh ? el('span', { class: 'tag tag-state', 'data-testid': 'record-state' }, stateZh) : null),
      r.publicity ? renderPublicity(r.publicity) : null,
      fields.length
        ? el('dl', { class: 'facts facts-record' }, fields.map(function (f) {
          var v = text(f.value);
          return fact(f.name_zh || f.field || '', v, {
            class: v.length > 28 ? 'fact fact-wide' : 'fact',
            'data-testid': 'record-field', 'data-field': f.field || '', title: f.name_en || null
          });
        }))
        : el('p', { class: 'empty-text' }, '暂无字段信息'));
  }

  /** The day before an ISO date (YYYY-MM-DD), or null when it is not one. */
  function lastDay(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso == null ? '' : String(iso));
    if (!m) return null;
    var d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]) - 86400000);
    return d.toISOString().slice(0, 10);
  }

  function renderPublicity(p) {
    var status = String(p.status || '').replace(/[^a-z_]/g, '');
    // `until` is exclusive (the first day the record is no longer public): show the last day.
    var last = lastDay(p.until);
    var period = p.from ? '公示期：' + p.from + ' 至 ' + (last || '长期') : (last ? '公示至 ' + last : null);
    return el('div', { class: 'publicity publicity-' + (status || 'unknown'), 'data-testid': 'publicity-badge', 'data-status': status },
      el('div', { class: 'publicity-tags' },
        el('span', { class: 'badge badge-status', 'data-testid': 'publicity-status' }, text(p.status_zh || p.status)),
        p.severity_zh || p.severity ? el('span', { class: 'badge badge-severity badge-' + String(p.severity || '').replace(/[^a-z_]/g, ''), 'data-testid': 'publicity-severity' }, text(p.severity_zh || p.severity)) : null),
      el('div', { class: 'publicity-dates' },
        period ? el('span', { 'data-testid': 'publicity-period' }, period) : null,
        p.repairable_from ? el('span', { 'data-testid': 'publicity-repairable' }, '可申请修复日：' + p.repairable_from) : null),
      p.reason_zh ? el('p', { class: 'publicity-reason', 'data-testid': 'publicity-reason' }, p.reason_zh) : null);
  }
})();
