// Taking a view away: CSV/GeoJSON download links to /api/v1/export/{view} with the view's
// filters, a PNG of what is on screen (the map's shapes redrawn on a canvas with the view's
// canvas layers, HUD, legend and attribution; tiles are left out, they may not allow it) and a
// "Copy link" button giving the address that restores every control. Also the offline context
// under every map: the city's areas where known, else an outline and a faint density drawn
// from the data (the grid cells with any incident over the loaded years).
'use strict';
CS.share = (function () {
  const ATTRIBUTION = 'CrimeScope · reported incidents from public records · not predictive policing: it never scores people or advises enforcement';

  /// Adds the Download / PNG / Copy link controls to `form`. `exports()` (optional) returns
  /// [{ view, params }] (the export endpoint and its query) or [] when nothing is loaded;
  /// `snapshot()` (optional) returns a canvas; `label` (optional) names the data on the download
  /// buttons when a view has two bars; `link: false` leaves out Copy link (one per view is enough).
  /// Returns { update() } to call after each load.
  function bar(name, form, { exports, snapshot, label, link = true }) {
    const span = document.createElement('span');
    span.className = 'share';
    span.setAttribute('role', 'group');
    span.setAttribute('aria-label', 'Take this view away');
    const links = {};
    for (const format of exports ? ['csv', 'geojson'] : []) {
      const a = document.createElement('a');
      a.id = `${name}-export-${format}`;
      a.className = 'button';
      a.textContent = (label ? label + ' ' : '') + (format === 'csv' ? '⤓ CSV' : '⤓ GeoJSON');
      a.setAttribute('download', '');
      a.setAttribute('aria-disabled', 'true');
      links[format] = a;
      span.appendChild(a);
    }
    if (snapshot) {
      const png = document.createElement('button');
      png.type = 'button';
      png.id = `${name}-png`;
      png.textContent = '⤓ PNG';
      png.addEventListener('click', () => downloadPNG(snapshot(), `crimescope-${name}`));
      span.appendChild(png);
    }
    const copy = document.createElement('button');
    copy.type = 'button';
    copy.id = `${name}-copy-link`;
    copy.textContent = 'Copy link';
    const field = document.createElement('input');
    field.id = `${name}-link`;
    field.readOnly = true;
    field.hidden = true;
    field.setAttribute('aria-label', 'Link to this view');
    copy.addEventListener('click', async () => {
      field.value = location.href;
      field.hidden = false;
      field.select();
      try { await navigator.clipboard.writeText(field.value); copy.textContent = '✓ Link copied'; }
      catch (error) { copy.textContent = 'Copy link (select the text)'; }
      copy.dataset.copied = field.value;
    });
    if (link) span.append(copy, field);
    form.appendChild(span);

    function update() {
      const list = exports ? exports() || [] : [];
      for (const format of Object.keys(links)) {
        const a = links[format], item = list[0];
        if (!item) { a.removeAttribute('href'); a.setAttribute('aria-disabled', 'true'); continue; }
        const query = new URLSearchParams({ format, ...item.params });
        a.href = `/api/v1/export/${item.view}?${query}`;
        a.removeAttribute('aria-disabled');
        a.title = `Download this view's data (${item.view}) as ${format === 'csv' ? 'CSV' : 'GeoJSON'}`;
      }
      field.hidden = true;
    }
    return { update };
  }

  function downloadPNG(canvas, stem) {
    if (!canvas) return;
    canvas.toBlob(blob => {
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = `${stem}.png`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 60000);
    }, 'image/png');
  }

  // -- the PNG ---------------------------------------------------------------------------------

  /// What `map` shows as a canvas: background, its vector shapes (areas, hex cells) in their
  /// current colours, the canvases over it (`.map-canvas`: dots, grids, context), then the HUD
  /// (`hud`), the legend (`key`) and a footer with the attribution.
  function snapshot(map, { key, hud, title } = {}) {
    const size = map.getSize(), footer = 40, ratio = 1;
    const canvas = document.createElement('canvas');
    canvas.width = size.x * ratio; canvas.height = (size.y + footer) * ratio;
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#f0f0ee';
    ctx.fillRect(0, 0, size.x, size.y);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, size.y, size.x, footer);
    const container = map.getContainer();
    // Canvas layers under the shapes (context underlay) first, the rest after the shapes.
    const canvases = [...container.querySelectorAll('canvas.map-canvas')];
    for (const c of canvases.filter(c => c.classList.contains('context-canvas'))) ctx.drawImage(c, 0, 0, size.x, size.y);
    map.eachLayer(layer => { if (layer instanceof L.Path && map.hasLayer(layer)) drawPath(ctx, map, layer); });
    for (const c of canvases.filter(c => !c.classList.contains('context-canvas'))) ctx.drawImage(c, 0, 0, size.x, size.y);
    if (hud) drawBox(ctx, 10, 10, boxLines(hud), 'left');
    if (key) drawKey(ctx, key, size);
    ctx.fillStyle = '#333';
    ctx.font = '12px system-ui, sans-serif';
    const leaflet = map.attributionControl ? map.attributionControl.getContainer().textContent.trim() : '';
    ctx.fillText((title ? title + ' · ' : '') + ATTRIBUTION, 8, size.y + 16, size.x - 16);
    ctx.fillStyle = '#666';
    ctx.fillText(`${leaflet ? leaflet + ' · ' : ''}${location.href}`, 8, size.y + 32, size.x - 16);
    return canvas;
  }

  function rings(latlngs, out) {
    if (!latlngs.length) return out;
    if (latlngs[0] instanceof L.LatLng) out.push(latlngs);
    else for (const part of latlngs) rings(part, out);
    return out;
  }
  function drawPath(ctx, map, layer) {
    if (!layer.getLatLngs) return;
    const o = layer.options, closed = layer instanceof L.Polygon;
    const path = new Path2D();
    for (const ring of rings(layer.getLatLngs(), [])) {
      ring.forEach((ll, i) => {
        const p = map.latLngToContainerPoint(ll);
        if (i) path.lineTo(p.x, p.y); else path.moveTo(p.x, p.y);
      });
      if (closed) path.closePath();
    }
    if (closed && o.fill !== false) {
      ctx.globalAlpha = o.fillOpacity === undefined ? 0.2 : o.fillOpacity;
      ctx.fillStyle = o.fillColor || o.color;
      ctx.fill(path, 'evenodd');
    }
    if (o.stroke !== false && o.weight) {
      ctx.globalAlpha = o.opacity === undefined ? 1 : o.opacity;
      ctx.strokeStyle = o.color;
      ctx.lineWidth = o.weight;
      ctx.stroke(path);
    }
    ctx.globalAlpha = 1;
  }

  // Lines of text of an element (a HUD), each block child on its own line.
  function boxLines(element) {
    return [...element.children].map(child => ({ text: child.textContent.trim(), bold: child.classList.contains('big') }));
  }
  function drawBox(ctx, x, y, lines, align) {
    ctx.font = '13px system-ui, sans-serif';
    const width = Math.max(...lines.map(l => { ctx.font = (l.bold ? 'bold 16px' : '13px') + ' system-ui, sans-serif'; return ctx.measureText(l.text).width; })) + 16;
    const height = lines.reduce((h, l) => h + (l.bold ? 22 : 17), 8);
    ctx.fillStyle = 'rgba(255,255,255,0.92)';
    ctx.strokeStyle = '#bbb';
    ctx.fillRect(x, y, width, height);
    ctx.strokeRect(x + 0.5, y + 0.5, width, height);
    let baseline = y + 4;
    for (const l of lines) {
      baseline += l.bold ? 20 : 16;
      ctx.fillStyle = '#1b1b1b';
      ctx.font = (l.bold ? 'bold 16px' : '13px') + ' system-ui, sans-serif';
      ctx.fillText(l.text, x + 8, baseline);
    }
    return { width, height };
  }

  // The legend element redrawn: its title, each row's swatch/dot/ramp and text, and its notes.
  function drawKey(ctx, key, size) {
    const items = [];
    for (const child of key.children) {
      if (child.tagName === 'STRONG') items.push({ text: child.textContent.trim(), bold: true });
      else if (child.classList.contains('row')) {
        const mark = child.querySelector('.swatch, .dot, .ramp');
        const style = mark ? getComputedStyle(mark) : null;
        items.push({ text: child.textContent.trim(), colour: style && style.backgroundColor,
                     ramp: mark && mark.classList.contains('ramp'), dot: mark && mark.classList.contains('dot') });
      } else if (child.offsetParent !== null && child.textContent.trim()) items.push({ text: child.textContent.trim(), note: true });
    }
    if (!items.length) return;
    ctx.font = '12px system-ui, sans-serif';
    const wrap = 260, lines = [];
    for (const item of items) {
      if (!item.note) { lines.push(item); continue; }
      let line = '';
      for (const word of item.text.split(' ')) {
        if (ctx.measureText(line + ' ' + word).width > wrap && line) { lines.push({ text: line, note: true }); line = word; }
        else line = line ? line + ' ' + word : word;
      }
      if (line) lines.push({ text: line, note: true });
    }
    const width = Math.min(size.x - 20, Math.max(...lines.map(l => ctx.measureText(l.text).width + (l.colour || l.ramp ? 30 : 0))) + 20);
    const height = lines.length * 17 + 10;
    const x = size.x - width - 10, y = Math.max(10, size.y - height - 20);
    ctx.fillStyle = 'rgba(255,255,255,0.92)';
    ctx.fillRect(x, y, width, height);
    ctx.strokeStyle = '#bbb';
    ctx.strokeRect(x + 0.5, y + 0.5, width, height);
    lines.forEach((l, i) => {
      const baseline = y + 18 + i * 17;
      let textX = x + 8;
      if (l.ramp) {
        const gradient = ctx.createLinearGradient(textX, 0, textX + 24, 0);
        CS.palettes.viridis.forEach((c, k) => gradient.addColorStop(k / (CS.palettes.viridis.length - 1), `rgb(${c})`));
        ctx.fillStyle = gradient;
        ctx.fillRect(textX, baseline - 10, 24, 10);
        textX += 30;
      } else if (l.colour) {
        ctx.fillStyle = l.colour;
        if (l.dot) { ctx.beginPath(); ctx.arc(textX + 6, baseline - 5, 5, 0, 2 * Math.PI); ctx.fill(); }
        else { ctx.fillRect(textX, baseline - 11, 18, 12); ctx.strokeStyle = '#999'; ctx.strokeRect(textX, baseline - 11, 18, 12); }
        textX += 30;
      }
      ctx.fillStyle = l.note ? '#444' : '#1b1b1b';
      ctx.font = (l.bold ? 'bold 12px' : l.note ? '11px' : '12px') + ' system-ui, sans-serif';
      ctx.fillText(l.text, textX, baseline);
    });
  }

  // -- offline context -------------------------------------------------------------------------

  const derived = {};
  /// The grid cells with any incident in any loaded year of `city` (up to the newest five years):
  /// { width, height, bounds, counts: Float32Array } — the data's own outline and density.
  function derivedCells(city) {
    if (!derived[city.city]) {
      const years = (city.years || []).slice(-5);
      derived[city.city] = Promise.all(years.map(year =>
        CS.api(`/api/v1/grids?city=${encodeURIComponent(city.city)}&year=${year}`).catch(() => null))).then(list => {
        const grids = list.filter(g => g && g.width > 0 && g.height > 0 && g.bounds.length === 4);
        if (!grids.length) return null;
        const { width, height, bounds } = grids[0];
        const counts = new Float32Array(width * height);
        for (const g of grids) {
          if (g.width !== width || g.height !== height) continue;
          for (const m of g.months) m.cells.forEach((cell, k) => { if (cell < counts.length) counts[cell] += m.counts[k]; });
        }
        return { width, height, bounds, counts };
      });
    }
    return derived[city.city];
  }

  /// Draws the context of `city` under `map` when the city has no area polygons: a faint density
  /// of its incidents and the outline of the cells holding any (a `.context-canvas`). Returns a
  /// handle with remove(), or null when areas are known (their outlines are the context).
  async function context(map, city, features) {
    // One context per map: a newer call (another city) replaces whatever an older one drew.
    const call = map.csContextCall = (map.csContextCall || 0) + 1;
    if (map.csContext) { map.csContext.remove(); map.csContext = null; }
    for (const stale of map.getContainer().querySelectorAll('canvas.context-canvas')) stale.remove();
    if (features && features.length) return null;
    const cells = await derivedCells(city);
    if (!cells || call !== map.csContextCall) return null;
    const { width, height, bounds, counts } = cells;
    const nonEmpty = Array.from(counts).filter(v => v > 0).sort((a, b) => a - b);
    const top = nonEmpty[Math.floor(0.95 * (nonEmpty.length - 1))] || 1;
    const image = document.createElement('canvas');
    image.width = width; image.height = height;
    const ictx = image.getContext('2d'), data = ictx.createImageData(width, height);
    for (let row = 0; row < height; row++) {
      for (let col = 0; col < width; col++) {
        const v = counts[row * width + col];
        if (!v) continue;
        const o = 4 * ((height - 1 - row) * width + col), t = Math.min(1, v / top);
        data.data[o] = 90; data.data[o + 1] = 90; data.data[o + 2] = 110;
        data.data[o + 3] = Math.round(30 + 90 * Math.sqrt(t));
      }
    }
    ictx.putImageData(data, 0, 0);
    // The outline: every cell edge between a cell with incidents and one without.
    const filled = (r, c) => r >= 0 && r < height && c >= 0 && c < width && counts[r * width + c] > 0;
    const edges = [];
    for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) {
      if (!filled(r, c)) continue;
      if (!filled(r, c - 1)) edges.push([c, r, c, r + 1]);
      if (!filled(r, c + 1)) edges.push([c + 1, r, c + 1, r + 1]);
      if (!filled(r - 1, c)) edges.push([c, r, c + 1, r]);
      if (!filled(r + 1, c)) edges.push([c, r + 1, c + 1, r + 1]);
    }
    const [minLon, minLat, maxLon, maxLat] = bounds;
    const lonAt = c => minLon + (maxLon - minLon) * c / width, latAt = r => minLat + (maxLat - minLat) * r / height;
    const overlay = CS.canvasOverlay(map, (ctx, m) => {
      const nw = m.latLngToContainerPoint([maxLat, minLon]), se = m.latLngToContainerPoint([minLat, maxLon]);
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(image, nw.x, nw.y, se.x - nw.x, se.y - nw.y);
      ctx.strokeStyle = '#666';
      ctx.lineWidth = 0.8;
      ctx.beginPath();
      for (const [c1, r1, c2, r2] of edges) {
        const a = m.latLngToContainerPoint([latAt(r1), lonAt(c1)]), b = m.latLngToContainerPoint([latAt(r2), lonAt(c2)]);
        ctx.moveTo(a.x, a.y); ctx.lineTo(b.x, b.y);
      }
      ctx.stroke();
    });
    overlay.canvas.classList.add('context-canvas');
    overlay.canvas.dataset.edges = String(edges.length);
    overlay.canvas.dataset.cells = String(nonEmpty.length);
    const container = map.getContainer();
    container.dataset.context = 'derived';
    // Fit the map to where 99 % of the incidents are: a police.uk force's bounds reach out to a
    // few stray records far away, which would leave the city a speck.
    const core = coreBounds(counts, width, height);
    map.fitBounds([[latAt(core.row0), lonAt(core.col0)], [latAt(core.row1 + 1), lonAt(core.col1 + 1)]], { padding: [10, 10] });
    overlay.redraw(); // fitBounds gave the map its first view when the city had no shapes to fit
    map.csContext = { remove() { overlay.canvas.remove(); map.off('move zoom resize', overlay.redraw); delete container.dataset.context; } };
    return map.csContext;
  }

  /// The rows and columns between the 0.5th and 99.5th percentile of the incidents, each axis apart.
  function coreBounds(counts, width, height) {
    const rows = new Float64Array(height), cols = new Float64Array(width);
    let total = 0;
    for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) {
      const v = counts[r * width + c];
      rows[r] += v; cols[c] += v; total += v;
    }
    const span = sums => {
      let lo = 0, hi = sums.length - 1, seen = 0;
      while (lo < hi && seen + sums[lo] <= 0.005 * total) seen += sums[lo++];
      seen = 0;
      while (hi > lo && seen + sums[hi] <= 0.005 * total) seen += sums[hi--];
      return [lo, hi];
    };
    const [row0, row1] = span(rows), [col0, col1] = span(cols);
    return { row0, row1, col0, col1 };
  }

  return { bar, snapshot, context, ATTRIBUTION };
})();
