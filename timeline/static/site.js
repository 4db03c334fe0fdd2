/* timeline: the site's only script. No framework, no request outside the site. */
(function () {
  "use strict";

  function fold(text) {
    /* Accents and every kind of apostrophe folded, as quotes are matched in events.yaml. */
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[\u2019\u2018\u02bc`\u00b4]/g, "'").toLowerCase();
  }

  /* The event list filter: by words and by category, without a server. */
  document.querySelectorAll("form.filter").forEach(function (form) {
    var table = document.getElementById(form.dataset.list);
    if (!table) { return; }
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var text = form.querySelector("input[type=search]");
    var category = form.querySelector("select");
    var count = form.querySelector("output");
    /* "1 event shown", "2 events shown": the page gives both forms, and the counts that
       take the singular in its language (0 and 1 in French, 1 in English). */
    var singular = count ? (count.dataset.singular || "1").split(" ") : [];
    function apply() {
      var words = fold(text.value).split(/\s+/).filter(Boolean);
      var wanted = category.value;
      var shown = 0;
      rows.forEach(function (row) {
        var haystack = fold(row.dataset.text);
        var visible = (!wanted || row.dataset.category === wanted) &&
          words.every(function (w) { return haystack.indexOf(w) !== -1; });
        row.hidden = !visible;
        if (visible) { shown += 1; }
      });
      if (count) {
        var noun = singular.indexOf(String(shown)) !== -1 ? count.dataset.one : count.dataset.many;
        count.textContent = shown + " " + noun;
      }
    }
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  });

  /* Charts: each spec and its options travel as JSON inside the page. When all have
     rendered, the time since navigation is kept for the benchmark (bench/run.py). */
  var renders = [];
  document.querySelectorAll("script.chart-spec").forEach(function (element) {
    var target = element.dataset.target;
    var options = document.querySelector('script.chart-options[data-target="' + target + '"]');
    var container = document.getElementById(target);
    if (typeof vegaEmbed !== "function" || !container) { return; }
    renders.push(vegaEmbed(container, JSON.parse(element.textContent), JSON.parse(options.textContent))
      .then(function () { container.dataset.rendered = "true"; })
      .catch(function (error) { container.dataset.rendered = "error"; console.error(error); }));
  });
  Promise.all(renders).then(function () {
    window.timelineRenderedAt = performance.now();
    document.body.dataset.rendered = "true";
  });

  /* Document pages: the quote a link points to stands out as a whole. */
  function showTarget() {
    document.querySelectorAll("mark.current").forEach(function (m) { m.classList.remove("current"); });
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) { return; }
    document.querySelectorAll("mark[data-q]").forEach(function (m) {
      if (m.dataset.q.split(" ").indexOf(id) !== -1) { m.classList.add("current"); }
    });
  }
  window.addEventListener("hashchange", showTarget);
  showTarget();
})();
