import Foundation

/// The report's only script, optional by design: the page is complete without it. It makes the
/// column headers sort their table, adds a text filter over every table's rows, and marks the root
/// element (`data-js="on"`, `data-color-scheme`) so scripts and tests can see that it ran and which
/// scheme the browser chose. It builds nodes with `textContent` only, never with markup.
enum HTMLScript {
    static let source = """
        (function () {
          "use strict";
          var root = document.documentElement;
          root.setAttribute("data-js", "on");
          root.setAttribute("data-color-scheme", window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light");
          function key(cell) {
            var sort = cell.getAttribute("data-sort");
            return sort === null ? cell.textContent.trim().toLowerCase() : sort;
          }
          function compare(a, b) {
            var x = Number(a), y = Number(b);
            if (a !== "" && b !== "" && !isNaN(x) && !isNaN(y)) { return x - y; }
            return a < b ? -1 : (a > b ? 1 : 0);
          }
          Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
            // The rows are in chunks (one table each, see HTMLTable): sorted as one list, then dealt
            // back into the chunks in order, each keeping its number of rows.
            var headers = table.tHead.rows[0].cells, bodies = table.closest(".table-wrap").querySelectorAll("tbody");
            var sizes = Array.prototype.map.call(bodies, function (body) { return body.rows.length; });
            Array.prototype.forEach.call(headers, function (header, column) {
              var button = document.createElement("button");
              button.type = "button";
              button.textContent = header.textContent;
              header.textContent = "";
              header.appendChild(button);
              button.addEventListener("click", function () {
                var ascending = header.getAttribute("aria-sort") !== "ascending";
                Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
                header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
                var rows = [];
                Array.prototype.forEach.call(bodies, function (body) { rows.push.apply(rows, body.rows); });
                rows.sort(function (first, second) {
                  var order = compare(key(first.cells[column]), key(second.cells[column]));
                  return ascending ? order : -order;
                });
                var next = 0;
                Array.prototype.forEach.call(bodies, function (body, index) {
                  var fragment = document.createDocumentFragment();
                  rows.slice(next, next + sizes[index]).forEach(function (row) { fragment.appendChild(row); });
                  next += sizes[index];
                  body.appendChild(fragment);
                });
              });
            });
          });
          var slot = document.querySelector("[data-filter-slot]");
          if (!slot) { return; }
          var label = document.createElement("label");
          label.textContent = "Filter rows ";
          var input = document.createElement("input");
          input.type = "search";
          input.placeholder = "title, author, label, number";
          label.appendChild(input);
          slot.appendChild(label);
          input.addEventListener("input", function () {
            var needle = input.value.trim().toLowerCase();
            Array.prototype.forEach.call(document.querySelectorAll("section[data-rule]"), function (section) {
              var shown = 0, rows = section.querySelectorAll("tbody tr");
              Array.prototype.forEach.call(rows, function (row) {
                var hit = needle === "" || row.textContent.toLowerCase().indexOf(needle) !== -1;
                row.hidden = !hit;
                if (hit) { shown += 1; }
              });
              var note = section.querySelector("[data-shown]");
              if (note) { note.textContent = needle === "" ? "" : "(" + shown + " of " + rows.length + " shown)"; }
            });
          });
        })();
        """

    /// The CSP source that allows exactly `source`: `'sha256-BASE64'` of its UTF-8 bytes.
    static let hashSource = "'sha256-" + Data(SHA256.digest(source.utf8)).base64EncodedString() + "'"
}
