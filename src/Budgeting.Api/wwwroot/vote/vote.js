// The panelist's ballot page. The voting token travels in the URL fragment (#t=TOKEN), which browsers never send
// to the server, so it stays out of server logs; the page sends it as a bearer token to /api/ballot.
// The checks here mirror the server's (Core BallotValidator and AllocationBallotValidator) so that an invalid ballot
// is never sent; the server checks again and stays the authority.
(function () {
  'use strict';

  var $ = function (id) { return document.getElementById(id); };
  var token = new URLSearchParams(location.hash.slice(1)).get('t');
  var page = null;
  var digits = 0;
  var formatter = null;
  var touched = false;
  var inputs = [];
  var areaInputs = [];

  function status(text) { $('status').textContent = text; }

  function money(minor) {
    return formatter ? formatter.format(minor / Math.pow(10, digits)) : String(minor);
  }

  // "12.34" -> 1234 (for EUR), exactly, from the text; null when it is not an amount.
  function toMinor(text) {
    var t = String(text).trim();
    if (t === '') { return 0; }
    var m = /^(\d+)(?:[.,](\d*))?$/.exec(t);
    if (!m || (m[2] || '').length > digits) { return null; }
    var fraction = (m[2] || '').padEnd(digits, '0');
    var value = Number(m[1]) * Math.pow(10, digits) + (digits ? Number(fraction) : 0);
    return Number.isSafeInteger(value) ? value : null;
  }

  function toMajorText(minor) {
    if (!digits) { return String(minor); }
    var s = String(minor).padStart(digits + 1, '0');
    return s.slice(0, -digits) + '.' + s.slice(-digits);
  }

  function wholeNumber(text) {
    var t = String(text).trim();
    return /^\d+$/.test(t) ? Number(t) : null;
  }

  function plural(n, word) { return n + ' ' + word + (n === 1 ? '' : 's'); }

  function el(tag, attributes, text) {
    var e = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (k) { e.setAttribute(k, attributes[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function kind() { return page.ballotKind; }
  function limits() { return page.limits || {}; }
  function takesPoints() { return kind() === 'cumulative' || kind() === 'scoring'; }
  // A hierarchical budget: an allocation ballot whose areas have projects, each with its own approval ballot.
  function areasWithProjects() {
    return kind() === 'allocation' ? page.areas.filter(function (a) { return a.projects && a.projects.length; }) : [];
  }

  async function load() {
    if (!token) {
      status('This page needs the personal link from your invitation letter (it ends with #t= and your code).');
      return;
    }

    var response;
    try {
      response = await fetch('/api/ballot', { headers: { Authorization: 'Bearer ' + token } });
    } catch (e) {
      status('The ballot could not be loaded: the service cannot be reached. Please try again later.');
      return;
    }

    if (response.status === 401) {
      status('This voting link is not valid, or it is no longer active. Please check the link in your letter.');
      return;
    }

    if (!response.ok) {
      status('The ballot could not be loaded (error ' + response.status + '). Please try again later.');
      return;
    }

    page = await response.json();
    formatter = new Intl.NumberFormat(undefined, { style: 'currency', currency: page.currency });
    digits = formatter.resolvedOptions().maximumFractionDigits;
    render();
  }

  function render() {
    $('city').textContent = page.city;
    $('title').textContent = page.title;
    document.title = page.title + ': your ballot';
    $('intro').textContent = introduction();
    var items = $('items');
    items.textContent = '';
    inputs = [];
    if (kind() === 'allocation') {
      $('legend').textContent = 'Split the budget of ' + money(page.budget) + ' across the areas';
      page.areas.forEach(function (area, i) { items.appendChild(areaItem(area, i)); });
      renderAreaProjects();
    } else {
      $('legend').textContent = legend();
      page.projects.forEach(function (project, i) { items.appendChild(projectItem(project, i)); });
    }

    if (page.ballot) { prefill(page.ballot); }
    $('ballot').hidden = false;
    if (!page.votingOpen) {
      status('Voting is not open now (the election is ' + page.stage + '). You can see the ballot but not send it.');
      $('choices').disabled = true;
      Array.prototype.forEach.call($('area-projects').querySelectorAll('fieldset'), function (f) { f.disabled = true; });
      $('send').disabled = true;
    }

    if (page.ballot) {
      showReceipt(page.ballot.revision, page.ballot.submittedAt, page.ballot.receipt, page.ballot.source, false);
    }

    update();
  }

  function introduction() {
    var l = limits();
    var parts = ['The budget is ' + money(page.budget) + '.'];
    switch (kind()) {
      case 'approval':
        parts.push(l.maxSumCost != null
          ? 'Choose the projects you want funded; together they may cost at most ' + money(l.maxSumCost) + '.'
          : 'Choose the projects you want funded.');
        break;
      case 'choose-1': parts.push('Choose one project.'); break;
      case 'cumulative': parts.push('Share your points among the projects you want funded.'); break;
      case 'scoring': parts.push('Give a score to the projects you want to rate.'); break;
      case 'ordinal': parts.push('Rank the projects you want funded: 1 for your first choice, 2 for the next, and so on.'); break;
      case 'allocation':
        parts.push('Say how much each area should get; the amounts must add up to exactly the budget.');
        if (areasWithProjects().length) {
          parts.push('Then, in each area, choose the projects you want funded: the panel\'s split decides each area\'s amount, and the projects are funded from it.');
        }
        break;
    }

    if (l.minLength != null && kind() !== 'choose-1') { parts.push('Name at least ' + plural(l.minLength, 'project') + '.'); }
    if (l.maxLength != null && kind() !== 'choose-1') { parts.push('Name at most ' + plural(l.maxLength, 'project') + '.'); }
    if (l.maxSumPoints != null) { parts.push('You have ' + plural(l.maxSumPoints, 'point') + ' in all.'); }
    if (l.maxPoints != null) { parts.push('A project can get at most ' + plural(l.maxPoints, 'point') + '.'); }
    parts.push('You can change your ballot until voting closes; the last one you send counts.');
    return parts.join(' ');
  }

  function legend() {
    switch (kind()) {
      case 'choose-1': return 'Choose one project';
      case 'cumulative': return 'Give points to projects';
      case 'scoring': return 'Score the projects';
      case 'ordinal': return 'Rank the projects';
      default: return 'Choose projects';
    }
  }

  // A project's label: name, cost, description and a note line, for the input with this id.
  function projectLabel(project, id) {
    var label = el('label', { 'for': id });
    label.appendChild(el('span', { 'class': 'name' }, project.name));
    label.appendChild(el('span', { 'class': 'cost' }, 'Cost: ' + money(project.cost)));
    if (project.description) { label.appendChild(el('span', { 'class': 'description' }, project.description)); }
    label.appendChild(el('span', { 'class': 'note', id: id + '-note' }));
    return label;
  }

  // One approval ballot per area with projects, after the allocation: the same items as a project vote's ballot.
  function renderAreaProjects() {
    var box = $('area-projects');
    box.textContent = '';
    areaInputs = [];
    areasWithProjects().forEach(function (area, a) {
      var fieldset = el('fieldset', { 'class': 'area-projects', id: 'area-projects-' + a });
      fieldset.appendChild(el('legend', {}, 'Projects in ' + area.name));
      fieldset.appendChild(el('p', { 'class': 'hint' }, 'Choose the projects you want funded from this area\'s amount.'));
      area.projects.forEach(function (project, i) {
        var id = 'area-' + a + '-project-' + i;
        var item = el('div', { 'class': 'item' });
        var input = el('input', { type: 'checkbox', name: 'area-' + a, id: id, value: project.id, 'aria-describedby': id + '-note' });
        input.addEventListener('change', function () { touched = true; update(); });
        item.appendChild(input);
        item.appendChild(projectLabel(project, id));
        fieldset.appendChild(item);
        areaInputs.push({ input: input, area: area, project: project });
      });
      box.appendChild(fieldset);
    });
  }

  function projectItem(project, i) {
    var item = el('div', { 'class': 'item' });
    var id = 'project-' + i;
    var input;
    var label = projectLabel(project, id);
    var note = label.querySelector('.note');
    if (kind() === 'approval' || kind() === 'choose-1') {
      input = el('input', { type: kind() === 'approval' ? 'checkbox' : 'radio', name: 'project', id: id, value: project.id });
      item.appendChild(input);
      item.appendChild(label);
    } else {
      var l = limits();
      var what = kind() === 'ordinal' ? 'Rank' : kind() === 'scoring' ? 'Score' : 'Points';
      input = el('input', { type: 'number', inputmode: 'numeric', min: kind() === 'ordinal' ? '1' : '0', step: '1', id: id });
      if (kind() === 'ordinal') { input.setAttribute('max', String(page.projects.length)); }
      if (takesPoints() && l.maxPoints != null) { input.setAttribute('max', String(l.maxPoints)); }
      label.insertBefore(el('span', { 'class': 'visually-label' }, what + ' for '), label.firstChild);
      item.appendChild(label);
      item.appendChild(input);
    }

    input.setAttribute('aria-describedby', id + '-note');
    input.addEventListener('input', function () { touched = true; update(); });
    input.addEventListener('change', function () { touched = true; update(); });
    inputs.push({ input: input, item: item, note: note, project: project });
    return item;
  }

  function areaItem(area, i) {
    var item = el('div', { 'class': 'item' });
    var id = 'area-' + i;
    var label = el('label', { 'for': id });
    label.appendChild(el('span', { 'class': 'name' }, area.name));
    var bounds = [];
    if (area.floor != null) { bounds.push('at least ' + money(area.floor)); }
    if (area.ceiling != null) { bounds.push('at most ' + money(area.ceiling)); }
    if (bounds.length) { label.appendChild(el('span', { 'class': 'description' }, 'The city requires ' + bounds.join(' and ') + '.')); }
    var note = el('span', { 'class': 'note', id: id + '-note' });
    label.appendChild(note);
    var input = el('input', {
      type: 'number', inputmode: 'decimal', min: '0', step: digits ? String(Math.pow(10, -digits)) : '1',
      id: id, 'aria-describedby': id + '-note', value: '0'
    });
    input.addEventListener('input', function () { touched = true; update(); });
    item.appendChild(label);
    item.appendChild(input);
    inputs.push({ input: input, item: item, note: note, area: area });
    return item;
  }

  function prefill(stored) {
    var b = stored.ballot;
    if (kind() === 'allocation') {
      inputs.forEach(function (x) { x.input.value = toMajorText((b.amounts || {})[x.area.id] || 0); });
      areaInputs.forEach(function (x) { x.input.checked = ((b.areaProjects || {})[x.area.id] || []).indexOf(x.project.id) >= 0; });
      return;
    }

    var projects = b.projects || [];
    inputs.forEach(function (x) {
      var at = projects.indexOf(x.project.id);
      if (kind() === 'approval' || kind() === 'choose-1') { x.input.checked = at >= 0; }
      else if (kind() === 'ordinal') { x.input.value = at >= 0 ? String(at + 1) : ''; }
      else { x.input.value = at >= 0 ? String((b.points || [])[at]) : ''; }
    });
  }

  // The ballot as the form stands, and every reason it may not be sent.
  function read() {
    var l = limits();
    var problems = [];
    var tally = '';
    var over = false;
    if (kind() === 'allocation') {
      var amounts = {};
      var total = 0;
      var readable = true;
      inputs.forEach(function (x) {
        var a = x.area;
        var v = toMinor(x.input.value);
        x.note.textContent = '';
        if (v === null) {
          readable = false;
          x.note.textContent = 'Enter an amount such as ' + toMajorText(Math.pow(10, digits) * 12) + '.';
          problems.push(a.name + ': enter an amount, in ' + page.currency + '.');
          return;
        }
        amounts[a.id] = v;
        total += v;
        if (a.floor != null && v < a.floor) { x.note.textContent = 'Below the required ' + money(a.floor) + '.'; problems.push(a.name + ' must get at least ' + money(a.floor) + '.'); }
        if (a.ceiling != null && v > a.ceiling) { x.note.textContent = 'Above the allowed ' + money(a.ceiling) + '.'; problems.push(a.name + ' may get at most ' + money(a.ceiling) + '.'); }
      });
      if (readable) {
        var left = page.budget - total;
        tally = 'Total: ' + money(total) + ' of ' + money(page.budget) + '. ' +
          (left > 0 ? money(left) + ' left to allocate.' : left < 0 ? money(-left) + ' too much.' : 'The whole budget is allocated.');
        over = left !== 0;
        if (left !== 0) { problems.push('The amounts must add up to exactly ' + money(page.budget) + '; they add up to ' + money(total) + '.'); }
      }
      var ballot = { amounts: amounts };
      if (areaInputs.length) {
        ballot.areaProjects = {};
        areasWithProjects().forEach(function (area) { ballot.areaProjects[area.id] = []; });
        areaInputs.forEach(function (x) { if (x.input.checked) { ballot.areaProjects[x.area.id].push(x.project.id); } });
      }
      return { ballot: ballot, problems: problems, tally: tally, over: over };
    }

    var chosen = [];
    var points = [];
    if (kind() === 'approval' || kind() === 'choose-1') {
      inputs.forEach(function (x) { if (x.input.checked) { chosen.push(x.project.id); } });
    } else if (kind() === 'ordinal') {
      var ranked = [];
      var seen = {};
      inputs.forEach(function (x) {
        x.note.textContent = '';
        if (x.input.value.trim() === '') { return; }
        var r = wholeNumber(x.input.value);
        if (r === null || r < 1) { x.note.textContent = 'A rank is a whole number from 1.'; problems.push(x.project.name + ': a rank is a whole number from 1.'); return; }
        if (seen[r]) { x.note.textContent = 'Rank ' + r + ' is given twice.'; problems.push('Rank ' + r + ' is given to more than one project.'); return; }
        seen[r] = true;
        ranked.push({ rank: r, id: x.project.id });
      });
      ranked.sort(function (a, b) { return a.rank - b.rank; });
      ranked.forEach(function (r, i) { if (r.rank !== i + 1 && problems.length === 0) { problems.push('Ranks must run 1, 2, 3 … without gaps; rank ' + (i + 1) + ' is missing.'); } });
      chosen = ranked.map(function (r) { return r.id; });
    } else {
      var sum = 0;
      inputs.forEach(function (x) {
        x.note.textContent = '';
        var text = x.input.value.trim();
        if (text === '' || (kind() === 'cumulative' && text === '0')) { return; }
        var p = wholeNumber(text);
        if (p === null) { x.note.textContent = 'Enter a whole number.'; problems.push(x.project.name + ': enter a whole number of points.'); return; }
        if (l.minPoints != null && p < l.minPoints) { x.note.textContent = 'At least ' + l.minPoints + '.'; problems.push(x.project.name + ' must get at least ' + plural(l.minPoints, 'point') + ', or none.'); }
        if (l.maxPoints != null && p > l.maxPoints) { x.note.textContent = 'At most ' + l.maxPoints + '.'; problems.push(x.project.name + ' may get at most ' + plural(l.maxPoints, 'point') + '.'); }
        chosen.push(x.project.id);
        points.push(p);
        sum += p;
      });
      var pointsLeft = l.maxSumPoints != null ? l.maxSumPoints - sum : null;
      tally = 'Points given: ' + sum + (pointsLeft === null ? '.' : ' of ' + l.maxSumPoints + '; ' +
        (pointsLeft >= 0 ? pointsLeft + ' left.' : plural(-pointsLeft, 'point') + ' too many.'));
      if (l.minSumPoints != null && sum < l.minSumPoints) { problems.push('Give at least ' + plural(l.minSumPoints, 'point') + ' in all.'); }
      if (l.maxSumPoints != null && sum > l.maxSumPoints) { problems.push('Give at most ' + plural(l.maxSumPoints, 'point') + ' in all.'); over = true; }
    }

    var count = chosen.length;
    if (kind() === 'choose-1') {
      if (count !== 1) { problems.push('Choose one project.'); }
    } else {
      if (l.minLength != null && count < l.minLength) { problems.push('Choose at least ' + plural(l.minLength, 'project') + '; you have chosen ' + count + '.'); }
      if (l.maxLength != null && count > l.maxLength) { problems.push('Choose at most ' + plural(l.maxLength, 'project') + '; you have chosen ' + count + '.'); }
    }

    if (l.maxSumCost != null) {
      var cost = 0;
      chosen.forEach(function (id) { cost += page.projects.find(function (p) { return p.id === id; }).cost; });
      var remaining = l.maxSumCost - cost;
      tally = 'Remaining budget: ' + money(remaining) + ' of ' + money(l.maxSumCost) + '.' + (tally ? ' ' + tally : '');
      if (remaining < 0) { over = true; problems.push('The projects you chose cost ' + money(cost) + ', more than ' + money(l.maxSumCost) + '.'); }
      if (kind() === 'approval') {
        inputs.forEach(function (x) {
          var fits = x.input.checked || x.project.cost <= remaining;
          x.input.disabled = !fits || !page.votingOpen;
          x.item.classList.toggle('disabled', !fits);
          x.note.textContent = fits ? '' : 'Costs more than the ' + money(Math.max(remaining, 0)) + ' that remain.';
        });
      }
    }

    var ballot = takesPoints() ? { projects: chosen, points: points } : { projects: chosen };
    return { ballot: ballot, problems: problems, tally: tally, over: over };
  }

  function update() {
    var state = read();
    $('tally').textContent = state.tally;
    $('tally').hidden = state.tally === '';
    $('tally').classList.toggle('over', state.over);
    showProblems(touched ? state.problems : []);
    return state;
  }

  function showProblems(problems) {
    var list = $('problems');
    list.textContent = '';
    problems.forEach(function (p) { list.appendChild(el('li', {}, p)); });
  }

  function showReceipt(revision, at, code, source, fresh) {
    $('receipt-title').textContent = fresh ? 'Your ballot was received' : 'Your current ballot';
    var when = new Date(at);
    $('receipt-text').textContent =
      (fresh ? 'Received ' : (source === 'paper' ? 'Entered from your paper ballot ' : 'Received ')) + when.toLocaleString() +
      '. Receipt code ' + code + ' (version ' + revision + '). You can change your ballot until voting closes; the last one you send counts.';
    $('receipt').hidden = false;
    if (fresh) { $('receipt').focus(); }
  }

  async function send(event) {
    event.preventDefault();
    touched = true;
    var state = update();
    if (state.problems.length > 0) {
      status('Your ballot was not sent: please fix what is listed below.');
      $('problems').setAttribute('tabindex', '-1');
      $('problems').focus();
      return;
    }

    $('send').disabled = true;
    status('Sending…');
    try {
      var response = await fetch('/api/ballot', {
        method: 'PUT',
        headers: { Authorization: 'Bearer ' + token, 'Content-Type': 'application/json' },
        body: JSON.stringify(state.ballot)
      });
      var body = await response.json().catch(function () { return {}; });
      if (response.ok) {
        status('');
        showReceipt(body.revision, body.submittedAt, body.receipt, 'online', true);
      } else if (response.status === 400 && body.errors) {
        status('Your ballot was not accepted:');
        showProblems(Object.keys(body.errors).reduce(function (all, k) { return all.concat(body.errors[k]); }, []));
      } else if (response.status === 401) {
        status('This voting link is no longer active; your ballot was not stored.');
      } else {
        status((body.detail || 'Your ballot could not be stored (error ' + response.status + ').') + ' It was not stored.');
      }
    } catch (e) {
      status('Your ballot could not be sent: the service cannot be reached. Please try again.');
    } finally {
      $('send').disabled = !page.votingOpen;
    }
  }

  $('ballot').addEventListener('submit', send);
  load();
}());
