// storyline: small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  // Graph: focusing or hovering an actor brings its links forward.
  function graph(svg) {
    function mark(id) {
      svg.classList.toggle("focused", Boolean(id));
      svg.querySelectorAll("line").forEach(function (line) {
        line.classList.toggle("near", Boolean(id) && (line.dataset.a === id || line.dataset.b === id));
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
