// storyline: small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  // Graph: focusing or hovering an actor brings its links and neighbours (with names) forward.
  function graph(svg) {
    function mark(id) {
      var near = {};
      if (id) { near[id] = true; }
      svg.classList.toggle("focused", Boolean(id));
      svg.querySelectorAll("line").forEach(function (line) {
        var on = Boolean(id) && (line.dataset.a === id || line.dataset.b === id);
        line.classList.toggle("near", on);
        if (on) { near[line.dataset.a] = near[line.dataset.b] = true; }
      });
      svg.querySelectorAll("a.node").forEach(function (node) {
        node.classList.toggle("near", Boolean(near[node.dataset.id]));
      });
    }
    svg.querySelectorAll("a.node").forEach(function (node) {
      var id = node.dataset.id;
      node.addEventListener("mouseenter", function () { mark(id); });
      node.addEventListener("focus", function () { mark(id); });
      node.addEventListener("mouseleave", function () { mark(null); });
      node.addEventListener("blur", function () { mark(null); });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("svg.graph-chart").forEach(graph);
  });
})();
