/* returnbus route map: draws the plan embedded in the page (#rb-data).
   Every string from the roster is put in the page with textContent, never
   as HTML, so no name or address can run as script. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("rb-data").textContent);
  var words = data.words;

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
      var a = el("a", words.navigate);
      a.href = link;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      box.appendChild(a);
    }
    return box;
  }

  var map = L.map("map", { preferCanvas: false, zoomControl: true });
  L.control.scale({ imperial: false }).addTo(map);
  if (data.basemap.tiles) {
    L.tileLayer(data.basemap.tiles, {
      attribution: data.basemap.attribution,
      subdomains: data.basemap.subdomains || "abc",
      maxZoom: 18
    }).addTo(map);
  } else {
    map.getContainer().style.background = "#f4f1ea";
  }

  var overlays = {};
  var bounds = L.latLngBounds([]);

  if (data.outlines) {
    var outline = L.layerGroup();
    if (data.outlines.counties) {
      L.geoJSON(data.outlines.counties, {
        style: { color: "#b9b2a5", weight: 0.6, fill: false, interactive: false }
      }).addTo(outline);
    }
    if (data.outlines.provinces) {
      L.geoJSON(data.outlines.provinces, {
        style: { color: "#7d7464", weight: 1.4, fill: true, fillColor: "#fbfaf6",
                 fillOpacity: 0.6, interactive: false }
      }).addTo(outline);
    }
    outline.addTo(map);
    overlays[words.layer_outlines] = outline;
  }

  function arrow(a, b, color) {
    var p = map.project(a, 10), q = map.project(b, 10);
    var angle = Math.atan2(q.y - p.y, q.x - p.x) * 180 / Math.PI;
    var mid = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
    var icon = L.divIcon({
      className: "rb-arrow",
      html: "",
      iconSize: [12, 12],
      iconAnchor: [6, 6]
    });
    var marker = L.marker(mid, { icon: icon, interactive: false, keyboard: false });
    marker.on("add", function () {
      var node = marker.getElement();
      if (node) {
        node.style.borderLeftColor = color;
        node.style.transform += " rotate(" + angle + "deg)";
      }
    });
    return marker;
  }

  data.buses.forEach(function (bus) {
    var layer = L.layerGroup();
    bus.dropoffs.forEach(function (drop) { drop.at = data.drops[drop.site]; });
    bus.path = bus.stops.map(function (s) { return [s.lat, s.lon]; }).concat(
      bus.dropoffs.map(function (d) { return [d.at.lat, d.at.lon]; }));
    L.polyline(bus.path, { color: bus.color, weight: 3, opacity: 0.85, className: "rb-route" })
      .bindTooltip(bus.label, { sticky: true })
      .addTo(layer);
    for (var k = 1; k < bus.path.length; k++) {
      arrow(bus.path[k - 1], bus.path[k], bus.color).addTo(layer);
    }
    bus.stops.forEach(function (stop) {
      var icon = L.divIcon({ className: "rb-stop", html: "", iconSize: [22, 22] });
      var marker = L.marker([stop.lat, stop.lon], { icon: icon, title: stop.name });
      marker.on("add", function () {
        var node = marker.getElement();
        if (node) { node.textContent = String(stop.seq); node.style.background = bus.color; }
      });
      var lines = [stop.time + " · " + bus.id + " · " + stop.riders.length + " " + words.people];
      stop.riders.forEach(function (r) { lines.push(r); });
      // The 高德 navigation link, as returnbus.naming.amap_link builds it.
      var link = "https://uri.amap.com/navigation?to=" + stop.g[0] + "," + stop.g[1] + "," +
        encodeURIComponent(stop.name) + "&mode=car&coordinate=gaode&callnative=1";
      marker.bindPopup(function () { return popup(stop.name, lines, link); });
      marker.addTo(layer);
      bounds.extend([stop.lat, stop.lon]);
    });
    bus.dropoffs.forEach(function (drop) {
      L.circleMarker([drop.at.lat, drop.at.lon], {
        radius: 7, color: bus.color, weight: 3, fillColor: "#fff", fillOpacity: 1
      }).bindPopup(function () {
        return popup(drop.at.name, [drop.time + " · " + bus.id + " · " + drop.count + " " +
                                 words.people]);
      }).addTo(layer);
    });
    layer.addTo(map);
    var name = el("span");
    var swatch = el("span", null, "rb-swatch");
    swatch.style.background = bus.color;
    name.appendChild(swatch);
    name.appendChild(document.createTextNode(bus.label));
    overlays[name.outerHTML] = layer;
  });

  function counts(list, color, title) {
    var layer = L.layerGroup();
    list.forEach(function (c) {
      L.circleMarker([c.lat, c.lon], {
        radius: 5 + 2 * Math.sqrt(c.count), color: color, weight: 1,
        fillColor: color, fillOpacity: 0.45
      }).bindPopup(function () { return popup(c.name, [title + ": " + c.count + " " + words.people]); })
        .addTo(layer);
    });
    return layer;
  }
  overlays[words.layer_self_return] = counts(data.self_return, "#2a9d8f", words.summary_self)
    .addTo(map);
  overlays[words.layer_unassigned] = counts(data.unassigned, "#e76f51", words.summary_unassigned)
    .addTo(map);

  var places = L.layerGroup();
  data.dorms.forEach(function (d) {
    L.marker([d.lat, d.lon], {
      icon: L.divIcon({ className: "rb-dorm", html: "", iconSize: [16, 16] })
    }).bindPopup(function () {
      return popup(d.name, [words.occupancy + ": " + d.taken + " / " + d.beds]);
    }).addTo(places);
    bounds.extend([d.lat, d.lon]);
  });
  data.sites.forEach(function (s) {
    L.marker([s.lat, s.lon], {
      icon: L.divIcon({ className: "rb-site rb-" + s.kind, html: "", iconSize: [14, 14] })
    }).bindPopup(function () { return popup(s.name, [s.what]); }).addTo(places);
    bounds.extend([s.lat, s.lon]);
  });
  places.addTo(map);
  overlays[words.layer_dormitories] = places;

  L.control.layers(null, overlays, { collapsed: false }).addTo(map);

  var legend = L.control({ position: "bottomleft" });
  legend.onAdd = function () {
    var box = el("div", null, "rb-legend");
    box.appendChild(el("b", data.title));
    data.summary.forEach(function (pair) { box.appendChild(el("div", pair[0] + ": " + pair[1])); });
    return box;
  };
  legend.addTo(map);

  if (bounds.isValid()) map.fitBounds(bounds.pad(0.05)); else map.setView(data.centre, 7);
  window.returnbusReady = true;
})();
