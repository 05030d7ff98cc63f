// Draws the maps of sitrep's pages: country borders from the vendored
// Natural Earth atlas (no tile server), shaded by event counts, and one
// marker per event, styled by type and clustered when dense. Each map
// reads its data from a JSON block next to it; nothing here is needed to
// read an article.
(function () {
  "use strict";

  var TYPE_CLASSES = ["t-battles", "t-vac", "t-explosions", "t-riots", "t-protests", "t-strategic"];
  var atlasCache = {};

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function popup(m) {
    var box = el("div", "popup");
    var head = el("p", "popup-type");
    head.appendChild(el("span", "dot " + (TYPE_CLASSES[m.t] || "t-other")));
    head.appendChild(el("strong", "", m.type));
    if (m.sub) head.appendChild(document.createTextNode(" · " + m.sub));
    box.appendChild(head);
    var where = el("p", "popup-where");
    if (m.placeHref) {
      var a = el("a", "", m.place);
      a.href = m.placeHref;
      where.appendChild(a);
    } else {
      where.appendChild(document.createTextNode(m.place || "Unknown place"));
    }
    where.appendChild(document.createTextNode(" · " + m.day));
    box.appendChild(where);
    if (m.actors) box.appendChild(el("p", "popup-actors", m.actors));
    if (m.fatalities) box.appendChild(el("p", "popup-fat", "Fatalities: " + m.fatalities));
    var list = el("ul", "popup-articles");
    m.articles.forEach(function (art) {
      var li = el("li");
      var a = el("a", "", art.title);
      a.href = art.href;
      li.appendChild(a);
      if (art.source) li.appendChild(el("span", "muted", " · " + art.source));
      list.appendChild(li);
    });
    box.appendChild(list);
    return box;
  }

  function shade(n, max) {
    if (!n) return "#f4f1ea";
    var t = Math.log(1 + n) / Math.log(1 + max);
    var light = [244, 226, 214], dark = [196, 98, 82];
    var c = light.map(function (l, i) { return Math.round(l + (dark[i] - l) * t); });
    return "rgb(" + c.join(",") + ")";
  }

  function loadAtlas(url) {
    if (!atlasCache[url]) {
      atlasCache[url] = fetch(url, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) throw new Error("atlas: HTTP " + r.status);
        return r.json();
      });
    }
    return atlasCache[url];
  }

  function draw(node) {
    var dataNode = document.getElementById(node.getAttribute("data-map") + "-data");
    if (!dataNode || !window.L) return;
    var data = JSON.parse(dataNode.textContent);
    var map = L.map(node, {
      worldCopyJump: true, minZoom: 1, maxZoom: 12, zoomSnap: 0.5,
      attributionControl: true, scrollWheelZoom: node.classList.contains("map-large") || false
    });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Borders: Natural Earth");
    map.setView([20, 20], 2);

    var max = 0;
    Object.keys(data.counts).forEach(function (k) { max = Math.max(max, data.counts[k]); });
    // Borders load after the markers are drawn: their own pane keeps them
    // underneath.
    map.createPane("borders");
    map.getPane("borders").style.zIndex = 350;
    var borders = L.layerGroup().addTo(map);
    loadAtlas(data.atlas).then(function (topo) {
      var geo = topojson.feature(topo, topo.objects.countries);
      L.geoJSON(geo, {
        pane: "borders",
        interactive: false,
        style: function (f) {
          return { fillColor: shade(data.counts[f.id], max), fillOpacity: 1, color: "#b9b3a6", weight: 0.7 };
        }
      }).addTo(borders);
    }).catch(function (err) {
      node.setAttribute("data-atlas-error", String(err));
    });

    var markers = data.markers.map(function (m) {
      var cls = "ev " + (TYPE_CLASSES[m.t] || "t-other");
      var c = L.circleMarker([m.lat, m.lon], { radius: 7, weight: 1.5, fillOpacity: 0.9, className: cls });
      c.bindPopup(function () { return popup(m); }, { maxWidth: 300 });
      // An element, not a string: Leaflet puts a string in as HTML.
      c.bindTooltip(function () { return el("span", "", m.type + (m.place ? " · " + m.place : "") + " · " + m.day); });
      return c;
    });
    var group;
    if (markers.length > 40 && L.markerClusterGroup) {
      group = L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false, spiderfyOnMaxZoom: true });
      group.addLayers(markers);
    } else {
      group = L.featureGroup(markers);
    }
    group.addTo(map);
    node.setAttribute("data-markers", String(markers.length));

    if (markers.length) {
      var b = L.latLngBounds(markers.map(function (m) { return m.getLatLng(); }));
      map.fitBounds(b.pad(0.3), { maxZoom: 5 });
    } else if (data.fit) {
      map.fitBounds([[data.fit[0], data.fit[1]], [data.fit[2], data.fit[3]]]);
    }
    node.setAttribute("data-ready", "1");
  }

  function start() {
    var nodes = document.querySelectorAll("[data-map]");
    for (var i = 0; i < nodes.length; i++) {
      try { draw(nodes[i]); } catch (e) { nodes[i].setAttribute("data-map-error", String(e)); }
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
