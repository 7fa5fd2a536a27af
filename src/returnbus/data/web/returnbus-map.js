/* returnbus route map: draws the plan embedded in the page (#rb-data) into
   the layers folium made.  Each folium element of the page calls one
   function below with its layer.  Every string from the roster is put in
   the page with textContent, never as HTML, so no name or address can run
   as script. */
(function () {
  "use strict";
  var data = null;
  var busLayers = [];  // each bus's layer, for the layer control's show all / hide all

  function plan() {
    if (data === null) data = JSON.parse(document.getElementById("rb-data").textContent);
    return data;
  }

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function popup(title, lines, link) {
    var box = el("div", null, "rb-popup");
    box.appendChild(el("b", title));
    lines.forEach(function (line) { box.appendChild(el("div", line)); });
    if (link) {
      var a = el("a", plan().words.navigate);
      a.href = link;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      box.appendChild(a);
    }
    return box;
  }

  /* A marker's icon, size [width, height]. */
  function icon(cls, size, text, background) {
    var node = el("div", text, cls);
    if (background) node.style.background = background;
    return L.divIcon({ className: "rb-icon", html: node, iconSize: size });
  }

  /* A leg's direction arrow, from ``a`` to ``b``: where on the leg it is
     drawn, or whether, is up to placeArrows. */
  function arrow(a, b, color, k) {
    var p = L.CRS.EPSG3857.latLngToPoint(L.latLng(a), 10);
    var q = L.CRS.EPSG3857.latLngToPoint(L.latLng(b), 10);
    var node = el("div", null, "rb-arrow");
    node.style.borderLeftColor = color;
    node.style.transform = "rotate(" + Math.atan2(q.y - p.y, q.x - p.x) * 180 / Math.PI + "deg)";
    var mark = L.marker([(a[0] + b[0]) / 2, (a[1] + b[1]) / 2], {
      icon: L.divIcon({ className: "rb-icon", html: node, iconSize: [10, 10] }),
      interactive: false,
      keyboard: false
    });
    arrows.push({ mark: mark, node: node, from: L.latLng(a), to: L.latLng(b), bus: k });
    return mark;
  }

  /* Every leg's arrow; and the markers an arrow must keep clear of: each
     bus's stops and drop-offs (of bus -1: the dormitories and sites), with
     their half size and offset on the screen (px). */
  var arrows = [], marks = [];
  function markAt(k, at, halfWidth, halfHeight, dx, dy) {
    marks.push({
      bus: k, at: L.latLng(at.lat, at.lon), w: halfWidth, h: halfHeight, dx: dx, dy: dy
    });
  }

  /* Puts each arrow of the buses shown on its leg, clear of every stop
     and drop-off marker shown: at the leg's middle, or else nearer one end;
     on a leg too short for that at this zoom, no arrow.  Drawn at each
     leg's middle whatever the zoom, an arrow sat on a stop's number (a short
     leg's, or another stop's at its middle).  Done again at each zoom and
     as buses are shown or hidden. */
  var arrowRoom = 6, cell = 64, arrowsDue = false;
  function placeArrows(map) {
    arrowsDue = false;
    var shown = {}, grid = {};
    busLayers.forEach(function (layer, k) { shown[k] = map.hasLayer(layer); });
    shown[-1] = true;  // the dormitories and sites
    marks.forEach(function (m) {
      if (!shown[m.bus]) return;
      var c = map.project(m.at).add([m.dx, m.dy]);
      var box = { x: c.x, y: c.y, w: m.w + arrowRoom, h: m.h + arrowRoom };
      for (var i = Math.floor((c.x - box.w) / cell); i <= Math.floor((c.x + box.w) / cell); i++) {
        for (var j = Math.floor((c.y - box.h) / cell); j <= Math.floor((c.y + box.h) / cell); j++) {
          (grid[i + "," + j] = grid[i + "," + j] || []).push(box);
        }
      }
    });
    function clear(p) {
      return (grid[Math.floor(p.x / cell) + "," + Math.floor(p.y / cell)] || []).every(
        function (box) {
          return Math.abs(p.x - box.x) >= box.w || Math.abs(p.y - box.y) >= box.h;
        });
    }
    arrows.forEach(function (one) {
      if (!shown[one.bus]) return;
      var a = map.project(one.from), b = map.project(one.to), at = null;
      [0.5, 0.35, 0.65, 0.2, 0.8].some(function (t) {
        if (clear(a.add(b.subtract(a).multiplyBy(t)))) at = t;
        return at !== null;
      });
      // Only what changed is written: at thousands of buses, every zoom.
      var hidden = at === null ? "hidden" : "";
      if (one.node.style.visibility !== hidden) one.node.style.visibility = hidden;
      if (at !== null && at !== (one.at || 0.5)) {
        one.at = at;
        one.mark.setLatLng(map.unproject(a.add(b.subtract(a).multiplyBy(at))));
      }
    });
  }

  /* ``items`` (stops, sites) grouped by their spot, each group in the
     order given, the groups in the order their first item comes. */
  function bySpot(items) {
    var spots = [];
    items.forEach(function (item) {
      var same = spots.filter(function (spot) {
        return spot[0].lat === item.lat && spot[0].lon === item.lon;
      })[0];
      if (same) same.push(item); else spots.push([item]);
    });
    return spots;
  }

  /* The number of a bus's stops at one spot: "2", or "2·3" for a point
     split by drop-off or cohort (the papers number such a stop's row so). */
  function stopNumber(spot) {
    return spot.map(function (stop) { return stop.seq; }).join("·");
  }

  /* A stop marker's width: as tall as a lone stop's (22 px), wider for "2·3". */
  function stopWidth(number) { return Math.max(22, 8 * number.length); }

  /* The stops of several buses at one spot (a township's point) are drawn
     side by side, each bus's marker centred this far (px) right of the spot:
     drawn one on another, only the top one could be seen and clicked, and
     the other buses' riders there could not be read.  Keyed by the spot,
     then by the bus's number. */
  var beside = null;
  function besideOffset(at, k) {
    if (beside === null) {
      var spots = {}, gap = 2;
      beside = {};
      plan().buses.forEach(function (bus, b) {
        bySpot(bus.stops).forEach(function (spot) {
          var key = spot[0].lat + "," + spot[0].lon;
          (spots[key] = spots[key] || []).push([b, stopWidth(stopNumber(spot))]);
        });
      });
      Object.keys(spots).forEach(function (key) {
        var here = spots[key], total = gap * (here.length - 1), left;
        here.forEach(function (one) { total += one[1]; });
        left = -total / 2;
        beside[key] = {};
        here.forEach(function (one) {
          beside[key][one[0]] = here.length > 1 ? left + one[1] / 2 : 0;
          left += one[1] + gap;
        });
      });
    }
    return beside[at.lat + "," + at.lon][k];
  }

  /* Whether a dormitory or a site (the depot, an employer) is drawn at ``at``. */
  var places = null;
  function atPlace(at) {
    if (places === null) {
      places = {};
      plan().dorms.concat(plan().sites).forEach(function (p) { places[p.lat + "," + p.lon] = 1; });
    }
    return places[at.lat + "," + at.lon] === 1;
  }

  function counts(layer, list, color, title) {
    var words = plan().words;
    list.forEach(function (c) {
      L.circleMarker([c.lat, c.lon], {
        radius: 5 + 2 * Math.sqrt(c.count), color: color, weight: 1,
        fillColor: color, fillOpacity: 0.45
      }).bindPopup(function () { return popup(c.name, [title + words.colon + c.people]); })
        .addTo(layer);
    });
  }

  /* Pans the map so that an opened popup is inside it and clear of the
     legend and the layer control: Leaflet's own panning keeps a popup inside
     the map only, and a stop's riders were read half hidden under the
     legend.  Each control is left the shorter way that keeps the popup in. */
  function reveal(map, popup) {
    var margin = 10, frame = map.getContainer().getBoundingClientRect();
    var box = popup.getElement().getBoundingClientRect();
    var dx = 0, dy = 0;
    function fits(x, y) {
      return box.left + x >= frame.left + margin && box.right + x <= frame.right - margin &&
        box.top + y >= frame.top + margin && box.bottom + y <= frame.bottom - margin;
    }
    // Inside the map first, its top (the stop's name) before its bottom.
    if (box.right > frame.right - margin) dx = frame.right - margin - box.right;
    if (box.left + dx < frame.left + margin) dx = frame.left + margin - box.left;
    if (box.bottom > frame.bottom - margin) dy = frame.bottom - margin - box.bottom;
    if (box.top + dy < frame.top + margin) dy = frame.top + margin - box.top;
    var controls = map.getContainer().querySelectorAll(".rb-legend, .leaflet-control-layers");
    Array.prototype.forEach.call(controls, function (control) {
      var c = control.getBoundingClientRect();
      if (box.left + dx >= c.right || c.left >= box.right + dx ||
          box.top + dy >= c.bottom || c.top >= box.bottom + dy) return;
      var ways = [
        [c.right + margin - box.left, dy], [c.left - margin - box.right, dy],
        [dx, c.bottom + margin - box.top], [dx, c.top - margin - box.bottom]
      ].filter(function (way) { return fits(way[0], way[1]); });
      function cost(way) { return Math.abs(way[0] - dx) + Math.abs(way[1] - dy); }
      ways.sort(function (a, b) { return cost(a) - cost(b); });
      if (ways.length) { dx = ways[0][0]; dy = ways[0][1]; }
    });
    if (dx || dy) map.panBy([-dx, -dy]);
  }

  /* Keeps an opened popup no taller than the map: a stop of 40 riders ran
     past the window's bottom, its last riders and its 高德 link out of
     reach (the wheel over a popup does not scroll it, and the page does not
     scroll).  Its lines scroll inside it instead, widened by the scroll
     bar so that none wraps for it.  Measured at each opening: the window may
     have been resized since. */
  var popupDefaults = L.Popup.prototype.options;
  function fit(map, popup) {
    var margin = 10, options = popup.options;
    if (options.maxHeight) {
      options.maxHeight = popupDefaults.maxHeight;
      options.minWidth = popupDefaults.minWidth;
      popup.update();
    }
    var box = popup.getElement(), content = box.querySelector(".leaflet-popup-content");
    var room = map.getSize().y - 2 * margin - (box.offsetHeight - content.offsetHeight);
    if (content.offsetHeight <= room) return;
    options.maxHeight = room;
    popup.update();
    var bar = content.offsetWidth - content.clientWidth;
    if (bar > 0) {
      options.minWidth = content.offsetWidth - 1 + bar;
      popup.update();
    }
  }

  /* The opening view's padding (px) on each side, that keeps the plan's
     points clear of the controls in the map's corners: fitted with 20 px
     all round, the legend (bottom left) and the layer control (top right)
     covered the routes at the map's edge.  Each corner's controls are kept
     clear by the padding of their width on their side or of their height
     on their edge: of those choices, the one that shows the plan largest
     (then with the most room around it), leaving the plan a third of the
     map each way at least. */
  function clearOfControls(map, bounds) {
    var margin = 20, frame = map.getContainer().getBoundingClientRect(), size = map.getSize();
    var corners = [];
    [["top", "left"], ["top", "right"], ["bottom", "left"], ["bottom", "right"]].forEach(
      function (at) {
        var corner = map.getContainer().querySelector(".leaflet-" + at[0] + ".leaflet-" + at[1]);
        var controls = corner ? corner.querySelectorAll(".leaflet-control") : [];
        if (!controls.length) return;
        var box = { left: Infinity, right: -Infinity, top: Infinity, bottom: -Infinity };
        Array.prototype.forEach.call(controls, function (control) {
          var c = control.getBoundingClientRect();
          box.left = Math.min(box.left, c.left); box.right = Math.max(box.right, c.right);
          box.top = Math.min(box.top, c.top); box.bottom = Math.max(box.bottom, c.bottom);
        });
        corners.push({
          edge: at[0], side: at[1],
          wide: margin + (at[1] === "left" ? box.right - frame.left : frame.right - box.left),
          tall: margin + (at[0] === "top" ? box.bottom - frame.top : frame.bottom - box.top)
        });
      });
    var best = null;
    for (var choice = 0; choice < 1 << corners.length; choice++) {
      var pad = { left: margin, right: margin, top: margin, bottom: margin };
      corners.forEach(function (c, k) {
        if (choice & 1 << k) pad[c.edge] = Math.max(pad[c.edge], c.tall);
        else pad[c.side] = Math.max(pad[c.side], c.wide);
      });
      var room = L.point(size.x - pad.left - pad.right, size.y - pad.top - pad.bottom);
      if (room.x < size.x / 3 || room.y < size.y / 3) continue;
      var zoom = map.getBoundsZoom(bounds, false, size.subtract(room));
      if (best === null || zoom > best.zoom ||
          zoom === best.zoom && room.x * room.y > best.room.x * best.room.y) {
        best = { zoom: zoom, room: room, pad: pad };
      }
    }
    return best ? best.pad : { left: margin, right: margin, top: margin, bottom: margin };
  }

  /* Fits the view to the plan, clear of the controls; and again each time
     the window is resized (a desk docked the browser to half the screen,
     and the map, fitted once to the whole screen, showed half the plan),
     until the desk pans or zooms the map (a drag, the wheel, the zoom
     buttons, the keys, or a popup panned into view): the view is then
     theirs, and kept as Leaflet keeps it, on its centre. */
  function fitPlan(map, bounds) {
    var fitting = false, fitted = true;
    function fitView() {
      var pad = clearOfControls(map, bounds);
      fitting = true;
      try {
        map.fitBounds(bounds, {
          paddingTopLeft: [pad.left, pad.top], paddingBottomRight: [pad.right, pad.bottom],
          animate: false
        });
      } finally {
        fitting = false;
      }
    }
    fitView();
    // A view changed by anything but this fit (a resize moves none) was the desk's doing.
    map.on("movestart zoomstart", function () { if (!fitting) fitted = false; });
    map.on("resize", function () { if (fitted) fitView(); });
  }

  /* Two buttons over the layer control's list tick or untick every bus's
     layer the list shows at once: with a layer per bus, the desk unticked
     55 boxes to look at one bus.  While the find box (busFinder) filters
     the list, they act on the buses it lists only, as their titles say:
     acting on every bus, "全部显示" after a search drew the buses the search
     had left out too.  The buses' boxes are set, then Leaflet's own handler
     of a box's click runs once (a plain "click" Event, not a mouse click,
     runs it without toggling the box): it shows each layer as its box says,
     without redrawing the list once a layer as map.addLayer would (slow at
     thousands of buses).  The other layers are left as they are. */
  function busSwitch(map) {
    var control = map.getContainer().querySelector(".leaflet-control-layers");
    var overlays = control && control.querySelector(".leaflet-control-layers-overlays");
    if (!overlays || !busLayers.length) return;
    var words = plan().words, row = el("div", null, "rb-all"), ids = {};
    busLayers.forEach(function (layer) { ids[L.stamp(layer)] = true; });
    function all(shown) {
      var last = null;
      Array.prototype.forEach.call(overlays.querySelectorAll("input"), function (box) {
        var row = box.closest("label");
        if (!ids[box.layerId] || row && row.style.display === "none") return;
        box.checked = shown;
        last = box;
      });
      if (last) last.dispatchEvent(new Event("click"));
    }
    [
      [words.show_all_buses, words.show_all_buses_title, true],
      [words.hide_all_buses, words.hide_all_buses_title, false]
    ].forEach(function (pair, k) {
      var button = el("button", pair[0]);
      button.type = "button";
      button.title = pair[1];
      L.DomEvent.on(button, "click", function () { all(pair[2]); });
      if (k) row.appendChild(document.createTextNode(" / "));
      row.appendChild(button);
    });
    overlays.parentNode.insertBefore(row, overlays);
    busFinder(overlays, row);
  }

  /* A box over the layer control's list: typed a bus's number (车号) or a
     pickup's name, the list shows only the buses it matches, so that one
     bus of hundreds is found without scrolling.  Only the list is filtered:
     what is drawn stays as ticked.  Should Leaflet draw the list anew, the
     filter is put on it again. */
  function busFinder(overlays, before) {
    var words = plan().words, buses = {}, none = el("div", words.find_bus_none, "rb-none");
    var find = el("input", null, "rb-find");
    find.type = "search";
    find.placeholder = words.find_bus;
    find.setAttribute("aria-label", words.find_bus);
    busLayers.forEach(function (layer, k) {
      var bus = plan().buses[k];
      buses[L.stamp(layer)] = [bus.label].concat(bus.stops.map(function (s) { return s.name; }))
        .join("\n").toLowerCase();
    });
    function filter() {
      var typed = find.value.trim().toLowerCase(), shown = 0;
      Array.prototype.forEach.call(overlays.querySelectorAll("input"), function (box) {
        var text = buses[box.layerId], row = box.closest("label");
        if (text === undefined || !row) return;
        var match = text.indexOf(typed) >= 0;
        row.style.display = match ? "" : "none";
        if (match) shown++;
      });
      none.style.display = shown ? "none" : "";
    }
    L.DomEvent.on(find, "input", filter);
    before.parentNode.insertBefore(find, before);
    overlays.parentNode.insertBefore(none, overlays.nextSibling);
    none.style.display = "none";
    if (window.MutationObserver) {
      new MutationObserver(filter).observe(overlays, { childList: true });
    }
  }

  /* Markers placed by a flat translate: Leaflet's translate3d made each of
     the thousands of markers (stops, arrows) a layer of its own for the
     compositor, and the page took 1-3 s to redraw once every bus was hidden
     at 1,000 buses.  The map's panes keep Leaflet's translate3d. */
  var placeMarker = L.Marker.prototype._setPos;
  L.Marker.include({
    _setPos: function (pos) {
      placeMarker.call(this, pos);
      this._icon.style.transform = "translate(" + pos.x + "px," + pos.y + "px)";
    }
  });

  // The map pans a popup into view itself (reveal), clear of its controls too.
  L.Popup.mergeOptions({ autoPan: false });
  // A plain "Leaflet": its default prefix draws a flag, which says nothing of the plan.
  L.Control.Attribution.mergeOptions({ prefix: "Leaflet" });

  window.returnbus = {
    /* Bus number k: its path, direction, numbered stops and drop-offs. */
    bus: function (layer, k) {
      var bus = plan().buses[k], drops = plan().drops;
      busLayers.push(layer);
      var path = bus.stops.map(function (s) { return [s.lat, s.lon]; }).concat(
        bus.dropoffs.map(function (d) { return [drops[d.site].lat, drops[d.site].lon]; }));
      L.polyline(path, { color: bus.color, weight: 3, opacity: 0.85, className: "rb-route" })
        .bindTooltip(el("span", bus.label), { sticky: true })
        .addTo(layer);
      for (var j = 1; j < path.length; j++) arrow(path[j - 1], path[j], bus.color, k).addTo(layer);
      // Stops at one spot (a point split by drop-off or cohort) are one
      // marker, numbered "2·3": one drawn on another would hide its riders.
      // The papers number such a stop's one row so (render/stops.py).
      bySpot(bus.stops).forEach(function (spot) {
        var first = spot[0], lines = [], names = [];
        spot.forEach(function (stop) {
          if (names.indexOf(stop.name) < 0) names.push(stop.name);
          lines.push((spot.length > 1 ? stop.seq + ". " : "") + stop.time + " · " + bus.id +
                     " · " + stop.counted);
          stop.riders.forEach(function (r) { lines.push(r); });
        });
        var title = names.join(" / ");
        var number = stopNumber(spot);
        // The 高德 navigation link, as returnbus.naming.amap_link builds it.
        var link = "https://uri.amap.com/navigation?to=" + first.g[0] + "," + first.g[1] + "," +
          encodeURIComponent(first.name) + "&mode=car&coordinate=gaode&callnative=1";
        // As tall as a lone stop's, wider for "2·3": a disc as wide as its
        // number looked a bigger stop and covered its neighbours.
        var size = [stopWidth(number), 22], mark = icon("rb-stop", size, number, bus.color);
        var dx = besideOffset(first, k);
        if (dx) {
          mark.options.iconAnchor = [size[0] / 2 - dx, size[1] / 2];
          mark.options.popupAnchor = [dx, 0];
        }
        markAt(k, first, size[0] / 2, size[1] / 2, dx || 0, 0);
        L.marker([first.lat, first.lon], { icon: mark, title: title })
          .bindPopup(function () { return popup(title, lines, link); }).addTo(layer);
      });
      bus.dropoffs.forEach(function (drop) {
        var at = drops[drop.site], drawn;
        if (atPlace(at)) {
          // At a dormitory's or a site's spot a circle was drawn under its
          // marker (Leaflet draws circles below markers): hidden, and a click
          // on it opened the place's popup.  The ring is drawn just below the
          // spot, clear of the place's marker and of a site beside a dormitory.
          var ring = el("div", null, "rb-drop");
          ring.style.borderColor = bus.color;
          drawn = L.marker([at.lat, at.lon], {
            icon: L.divIcon({
              className: "rb-icon", html: ring, iconSize: [17, 17], iconAnchor: [8, -11],
              popupAnchor: [0, 11]
            }),
            title: at.name
          });
          markAt(k, at, 9, 9, 0, 19);
        } else {
          markAt(k, at, 9, 9, 0, 0);
          drawn = L.circleMarker([at.lat, at.lon], {
            radius: 7, color: bus.color, weight: 3, fillColor: "#fff", fillOpacity: 1
          });
        }
        // Other buses' rings lie under this one: the popup says they are there.
        // A gate named for its first employers ("等 10 家") lists them all.
        drawn.bindPopup(function () {
          var line = drop.time + " · " + bus.id + " · " + drop.counted;
          return popup(at.name, [at.employers, line, at.here].filter(Boolean));
        }).addTo(layer);
      });
    },

    /* Who returns on their own, counted by county at its seat. */
    selfReturn: function (layer) {
      counts(layer, plan().self_return, "#2a9d8f", plan().words.summary_self);
    },

    /* Who is not planned, counted by county at its seat. */
    unassigned: function (layer) {
      counts(layer, plan().unassigned, "#e76f51", plan().words.summary_unassigned);
    },

    /* Dormitories with the beds taken. */
    dorms: function (layer) {
      var words = plan().words;
      plan().dorms.forEach(function (d) {
        markAt(-1, d, 8, 8, 0, 0);
        L.marker([d.lat, d.lon], { icon: icon("rb-dorm", [16, 16]) }).bindPopup(function () {
          return popup(d.name, [d.what, words.occupancy + words.colon + d.occupied]);
        }).addTo(layer);
      });
    },

    /* The depot and the employers, under the other markers: Leaflet draws
       the lower of two markers on top, and a dormitory beside an employer
       was under it, clicking it opened the employer's popup.  Sites at one
       spot are one marker whose popup lists them all (one drawn on another
       could not be clicked); at a dormitory's very spot the site is drawn
       beside it, to its right, not under it, where it could not be seen. */
    sites: function (layer) {
      var dorms = plan().dorms;
      bySpot(plan().sites).forEach(function (spot) {
        var first = spot[0], whats = [], heads = [], names = [];
        spot.forEach(function (s) {
          if (whats.indexOf(s.what) >= 0) heads[whats.indexOf(s.what)] = s.many;
          else { whats.push(s.what); heads.push(s.what); }
        });
        spot.forEach(function (s) { names.push(s.name + (whats.length > 1 ? " · " + s.what : "")); });
        // "Employers" over three names, "Bus depot / Employer" over a depot and an employer.
        var title = spot.length > 1 ? heads.join(" / ") : first.name;
        var lines = spot.length > 1 ? names : [first.what];
        var atDorm = dorms.some(function (d) { return d.lat === first.lat && d.lon === first.lon; });
        markAt(-1, first, 7, 7, atDorm ? 17 : 0, 0);
        var kind = spot.every(function (s) { return s.kind === first.kind; }) ? first.kind : "depot";
        L.marker([first.lat, first.lon], {
          // A dormitory's square is 16 px: the site's 14 px left edge 10 px right of the spot.
          icon: L.divIcon({
            className: "rb-icon", html: el("div", null, "rb-site rb-" + kind),
            iconSize: [14, 14], iconAnchor: atDorm ? [-10, 7] : [7, 7],
            popupAnchor: atDorm ? [17, 0] : [0, 0]
          }),
          title: names.join(" / "), zIndexOffset: -1000
        }).bindPopup(function () { return popup(title, lines); }).addTo(layer);
      });
    },

    /* Names of the county towns on the offline base map. */
    names: function (layer) {
      plan().names.forEach(function (n) {
        L.marker([n.lat, n.lon], {
          icon: L.divIcon({ className: "rb-name", html: el("span", n.name), iconSize: null }),
          interactive: false, keyboard: false
        }).addTo(layer);
      });
    },

    /* The summary of the plan and what each symbol means. */
    legend: function (map) {
      var d = plan(), words = d.words;
      var legend = L.control({ position: "bottomleft" });
      legend.onAdd = function () {
        var box = el("div", null, "rb-legend");
        box.appendChild(el("b", d.title));
        d.summary.forEach(function (pair) { box.appendChild(el("div", pair[0] + words.colon + pair[1])); });
        if (d.note) box.appendChild(el("div", d.note, "rb-note"));
        d.symbols.forEach(function (symbol) {
          var row = el("div", null, "rb-symbol");
          var mark = el("span", symbol.mark, "rb-key " + symbol.cls);
          row.appendChild(mark);
          row.appendChild(document.createTextNode(words[symbol.word]));
          box.appendChild(row);
        });
        return box;
      };
      legend.addTo(map);
    },

    /* Shows the whole plan (no animation: the map opens on it), then tells
       a waiting browser (and the tests) that the map is drawn.  The zoom
       buttons are titled in the plan's language (Leaflet's say "Zoom in");
       the layer control gets its buttons to show or hide every bus. */
    ready: function (map, bounds) {
      var words = plan().words;
      L.control.zoom({ zoomInTitle: words.zoom_in, zoomOutTitle: words.zoom_out }).addTo(map);
      L.control.scale({ imperial: false }).addTo(map);
      // Before the view is fitted: its padding keeps the plan clear of the
      // layer control as tall as its find box and buttons make it.
      busSwitch(map);
      if (bounds.length) fitPlan(map, bounds);
      map.on("popupopen", function (event) {
        fit(map, event.popup);
        reveal(map, event.popup);
      });
      placeArrows(map);
      // Once for all the buses a click of "show all" shows, not once a bus.
      map.on("zoomend overlayadd overlayremove", function () {
        if (!arrowsDue) { arrowsDue = true; setTimeout(function () { placeArrows(map); }, 0); }
      });
      window.returnbusReady = true;
    }
  };
})();
