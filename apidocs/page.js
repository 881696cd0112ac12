// apidocs: reads the OpenAPI 3.1 document named by <body data-spec>, lists
// its operations by tag and path, and gives each a form that sends a
// request to this origin. Text from the document reaches the page only
// through text nodes and setAttribute on inert attributes, never as markup.
"use strict";
(function () {
  const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
  const MAX_DEPTH = 10;      // schema nesting shown before "…"
  const MAX_NODES = 1500;    // schema elements per operation before "…"
  const MAX_SHOWN = 1 << 20; // response characters shown
  const MAX_EXAMPLE = 5000;  // values made for one example before giving up

  const body = document.body;
  const specURL = body.dataset.spec;

  const isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
  const str = (v) => (typeof v === "string" ? v : "");
  const own = (o, k) => Object.prototype.hasOwnProperty.call(o, k);

  // el makes an element; attributes whose value is null, undefined or false
  // are left out, and children that are not nodes become text nodes.
  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v !== null && v !== undefined && v !== false) e.setAttribute(k, v === true ? "" : String(v));
    }
    for (const k of kids.flat()) {
      if (k !== null && k !== undefined && k !== false) e.append(k instanceof Node ? k : String(k));
    }
    return e;
  }

  // pointer follows a local JSON pointer ("#/components/schemas/Item").
  function pointer(spec, ref) {
    if (typeof ref !== "string" || ref[0] !== "#") return undefined;
    if (ref === "#") return spec;
    if (ref[1] !== "/") return undefined;
    let node = spec;
    for (const part of ref.slice(2).split("/")) {
      let key;
      try { key = decodeURIComponent(part).replace(/~1/g, "/").replace(/~0/g, "~"); } catch (e) { return undefined; }
      if (node === null || typeof node !== "object" || !own(node, key)) return undefined;
      node = node[key];
    }
    return node;
  }

  // deref follows a chain of $refs (parameters, request bodies, responses,
  // path items) to an object, or returns undefined.
  function deref(spec, v) {
    for (let i = 0; i < 20 && isObj(v) && typeof v.$ref === "string"; i++) v = pointer(spec, v.$ref);
    return isObj(v) && typeof v.$ref !== "string" ? v : undefined;
  }

  const refName = (ref) => ref.slice(ref.lastIndexOf("/") + 1).replace(/~1/g, "/").replace(/~0/g, "~");

  // --- schemas as text -------------------------------------------------

  // facts lists a schema's type, format and constraints in short words.
  function facts(s) {
    const out = [];
    const types = Array.isArray(s.type) ? s.type.filter((t) => typeof t === "string") : typeof s.type === "string" ? [s.type] : [];
    if (types.length) out.push(types.join(" | "));
    if (s.nullable === true) out.push("nullable");
    if (typeof s.format === "string") out.push("(" + s.format + ")");
    if (own(s, "const")) out.push("= " + JSON.stringify(s.const));
    if (Array.isArray(s.enum)) out.push("one of " + s.enum.map((v) => JSON.stringify(v)).join(", "));
    const bounds = [["minimum", "≥ "], ["exclusiveMinimum", "> "], ["maximum", "≤ "], ["exclusiveMaximum", "< "],
      ["minLength", "min length "], ["maxLength", "max length "], ["minItems", "min items "], ["maxItems", "max items "],
      ["pattern", "pattern "]];
    for (const [k, label] of bounds) if (typeof s[k] === "number" || typeof s[k] === "string") out.push(label + s[k]);
    if (own(s, "default")) out.push("default " + JSON.stringify(s.default));
    if (s.readOnly === true) out.push("read-only");
    if (s.writeOnly === true) out.push("write-only");
    if (s.deprecated === true) out.push("deprecated");
    return out.join(" ");
  }

  // viewContext is what the schema views of one operation share: the $refs
  // being expanded (a schema that contains itself is named, not expanded
  // again), those already shown (named the second time), and a count of
  // elements that bounds the size of the whole.
  const viewContext = () => ({ stack: [], shown: new Set(), nodes: 0 });

  // schemaView renders a schema as nested lists.
  function schemaView(spec, s, ctx, depth) {
    depth = depth || 0;
    if (++ctx.nodes > MAX_NODES || depth > MAX_DEPTH) return el("span", { class: "more" }, "…");
    if (s === true || s === undefined) return el("span", { class: "type" }, "any");
    if (s === false) return el("span", { class: "type" }, "nothing");
    if (!isObj(s)) return el("span", { class: "bad" }, "(not a schema)");
    const box = el("div", { class: "schema" });
    if (typeof s.$ref === "string") {
      const name = refName(s.$ref);
      if (ctx.stack.includes(s.$ref)) {
        box.append(el("span", { class: "ref" }, name), el("span", { class: "cycle" }, " (recursive: see above)"));
        return box;
      }
      if (ctx.shown.has(s.$ref)) {
        box.append(el("span", { class: "ref" }, name), el("span", { class: "cycle" }, " (as above)"));
        return box;
      }
      const target = pointer(spec, s.$ref);
      if (target === undefined) {
        box.append(el("span", { class: "ref" }, name), el("span", { class: "bad" }, " (unresolved " + s.$ref + ")"));
        return box;
      }
      box.append(el("span", { class: "ref" }, name), " ");
      ctx.shown.add(s.$ref);
      ctx.stack.push(s.$ref);
      box.append(schemaView(spec, target, ctx, depth + 1));
      ctx.stack.pop();
      // OpenAPI 3.1 allows keywords beside $ref: show them too.
      const rest = Object.assign({}, s);
      delete rest.$ref;
      if (Object.keys(rest).length) box.append(schemaView(spec, rest, ctx, depth + 1));
      return box;
    }
    const f = facts(s);
    if (f) box.append(el("span", { class: "type" }, f));
    if (typeof s.title === "string") box.append(" ", el("span", { class: "title" }, s.title));
    if (typeof s.description === "string") box.append(el("p", { class: "desc" }, s.description));
    if (isObj(s.properties)) {
      const required = Array.isArray(s.required) ? s.required : [];
      const list = el("ul", { class: "props" });
      for (const name of Object.keys(s.properties)) {
        if (ctx.nodes > MAX_NODES) { list.append(el("li", { class: "more" }, "…")); break; }
        list.append(el("li", {}, el("code", { class: "prop" }, name),
          required.includes(name) ? el("span", { class: "req" }, " required") : null, " ",
          schemaView(spec, s.properties[name], ctx, depth + 1)));
      }
      box.append(list);
    }
    if (own(s, "additionalProperties") && s.additionalProperties !== true) {
      box.append(el("div", { class: "sub" }, s.additionalProperties === false ? "no other properties" : "other properties: ",
        s.additionalProperties === false ? null : schemaView(spec, s.additionalProperties, ctx, depth + 1)));
    }
    if (Array.isArray(s.prefixItems)) {
      s.prefixItems.forEach((item, i) => box.append(el("div", { class: "sub" }, "item " + i + ": ", schemaView(spec, item, ctx, depth + 1))));
    }
    if (own(s, "items")) box.append(el("div", { class: "sub" }, "items: ", schemaView(spec, s.items, ctx, depth + 1)));
    for (const k of ["allOf", "oneOf", "anyOf"]) {
      if (!Array.isArray(s[k])) continue;
      const label = { allOf: "all of", oneOf: "one of", anyOf: "any of" }[k];
      box.append(el("div", { class: "sub" }, label + ":", el("ul", { class: "alts" },
        s[k].map((alt) => el("li", {}, schemaView(spec, alt, ctx, depth + 1))))));
    }
    if (own(s, "not")) box.append(el("div", { class: "sub" }, "not: ", schemaView(spec, s.not, ctx, depth + 1)));
    if (!box.childNodes.length) box.append(el("span", { class: "type" }, "any"));
    return box;
  }

  // --- example values --------------------------------------------------

  const FORMATS = {
    "date-time": "2024-01-01T00:00:00Z", date: "2024-01-01", time: "12:00:00Z", email: "user@example.com",
    uri: "https://example.com/", url: "https://example.com/", uuid: "00000000-0000-4000-8000-000000000000",
    hostname: "example.com", ipv4: "192.0.2.1", ipv6: "2001:db8::1", byte: "aGVsbG8=", password: "secret",
  };

  // example makes a value that fits the schema, for a request body: given
  // examples and defaults first, read-only properties left out, and a
  // schema met again inside itself cut short (left out, or an empty list).
  // budget.n counts the values made, so that a schema that reuses big
  // schemas many times over cannot make the page hang.
  function example(spec, s, stack, depth, budget) {
    stack = stack || [];
    depth = depth || 0;
    budget = budget || { n: 0 };
    if (!isObj(s) || depth > MAX_DEPTH || ++budget.n > MAX_EXAMPLE) return undefined;
    if (Array.isArray(s.examples) && s.examples.length) return s.examples[0];
    for (const k of ["example", "const", "default"]) if (own(s, k)) return s[k];
    if (Array.isArray(s.enum) && s.enum.length) return s.enum[0];
    if (typeof s.$ref === "string") {
      if (stack.includes(s.$ref)) return undefined;
      return example(spec, pointer(spec, s.$ref), stack.concat(s.$ref), depth + 1, budget);
    }
    if (Array.isArray(s.allOf)) {
      let merged;
      for (const part of s.allOf) {
        const v = example(spec, part, stack, depth + 1, budget);
        if (isObj(v) && (merged === undefined || isObj(merged))) merged = Object.assign(merged || Object.create(null), v);
        else if (merged === undefined) merged = v;
      }
      if (merged !== undefined) return merged;
    }
    for (const k of ["oneOf", "anyOf"]) {
      if (!Array.isArray(s[k])) continue;
      for (const alt of s[k]) {
        const v = example(spec, alt, stack, depth + 1, budget);
        if (v !== undefined) return v;
      }
    }
    let type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") || s.type[0] : s.type;
    if (type === undefined) type = isObj(s.properties) ? "object" : own(s, "items") ? "array" : undefined;
    switch (type) {
      case "object": {
        const out = Object.create(null); // so that a property "__proto__" is a property
        for (const name of Object.keys(isObj(s.properties) ? s.properties : {})) {
          const p = s.properties[name];
          if (isObj(p) && p.readOnly === true) continue;
          const v = example(spec, p, stack, depth + 1, budget);
          if (v !== undefined) out[name] = v;
        }
        return out;
      }
      case "array": {
        const v = example(spec, s.items, stack, depth + 1, budget);
        return v === undefined ? [] : [v];
      }
      case "string": {
        let v = typeof s.format === "string" && own(FORMATS, s.format) ? FORMATS[s.format] : "string";
        if (typeof s.minLength === "number" && v.length < s.minLength) v = v.padEnd(Math.min(s.minLength, 256), "x");
        if (typeof s.maxLength === "number" && s.maxLength >= 0 && v.length > s.maxLength) v = v.slice(0, s.maxLength);
        return v;
      }
      case "integer":
      case "number": {
        if (typeof s.minimum === "number") return s.minimum;
        if (typeof s.exclusiveMinimum === "number") return type === "integer" ? Math.floor(s.exclusiveMinimum) + 1 : s.exclusiveMinimum + 1;
        if (typeof s.maximum === "number" && s.maximum < 0) return s.maximum;
        return 0;
      }
      case "boolean":
        return true;
      case "null":
        return null;
    }
    return undefined;
  }

  const isJSON = (type) => /^application\/(.+\+)?json(;|$)/i.test(type.trim());

  // bodyExample fills the body box for one media type of a request body.
  function bodyExample(spec, media, type) {
    if (!isObj(media)) return "";
    let v;
    if (own(media, "example")) v = media.example;
    else if (isObj(media.examples)) {
      const first = deref(spec, media.examples[Object.keys(media.examples)[0]]);
      if (first && own(first, "value")) v = first.value;
    }
    if (v === undefined) v = example(spec, media.schema);
    if (v === undefined) return "";
    if (isJSON(type)) return JSON.stringify(v, null, 2);
    if (isObj(v) && /^application\/x-www-form-urlencoded/i.test(type)) {
      const form = new URLSearchParams();
      for (const [k, x] of Object.entries(v)) {
        for (const item of Array.isArray(x) ? x : [x]) form.append(k, typeof item === "string" ? item : JSON.stringify(item));
      }
      return form.toString();
    }
    return typeof v === "string" ? v : JSON.stringify(v);
  }

  // paramExample is shown as the placeholder of a parameter's input.
  function paramExample(spec, p) {
    let v;
    if (own(p, "example")) v = p.example;
    else if (isObj(p.examples)) {
      const first = deref(spec, p.examples[Object.keys(p.examples)[0]]);
      if (first && own(first, "value")) v = first.value;
    }
    if (v === undefined) v = example(spec, paramSchema(p));
    if (v === undefined || v === null) return "";
    return typeof v === "string" ? v : JSON.stringify(v);
  }

  // paramSchema is a parameter's schema, or the one of its only content.
  function paramSchema(p) {
    if (own(p, "schema")) return p.schema;
    if (isObj(p.content)) {
      const first = p.content[Object.keys(p.content)[0]];
      if (isObj(first)) return first.schema;
    }
    return undefined;
  }

  // --- operations --------------------------------------------------------

  // operations lists every operation with its parameters: those of the
  // path item, replaced by the operation's own of the same name and place.
  function operations(spec) {
    const ops = [];
    const paths = isObj(spec.paths) ? spec.paths : {};
    for (const path of Object.keys(paths)) {
      const item = deref(spec, paths[path]);
      if (!item) continue;
      for (const m of METHODS) {
        const op = item[m];
        if (!isObj(op)) continue;
        const params = new Map();
        for (const list of [item.parameters, op.parameters]) {
          for (const raw of Array.isArray(list) ? list : []) {
            const p = deref(spec, raw);
            if (p && typeof p.name === "string" && typeof p.in === "string") params.set(p.in + "\n" + p.name, p);
          }
        }
        ops.push({ method: m.toUpperCase(), path, op, params: Array.from(params.values()) });
      }
    }
    ops.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : METHODS.indexOf(a.method.toLowerCase()) - METHODS.indexOf(b.method.toLowerCase())));
    return ops;
  }

  // groups puts each operation under its first tag: the document's tags
  // first, in its order, then the others, then untagged ones as "default".
  function groups(spec, ops) {
    const byTag = new Map();
    for (const t of Array.isArray(spec.tags) ? spec.tags : []) {
      if (isObj(t) && typeof t.name === "string" && !byTag.has(t.name)) byTag.set(t.name, { name: t.name, description: str(t.description), ops: [] });
    }
    const untagged = { name: "default", description: "", ops: [] };
    for (const o of ops) {
      const tag = Array.isArray(o.op.tags) ? o.op.tags.find((t) => typeof t === "string") : undefined;
      if (tag === undefined) { untagged.ops.push(o); continue; }
      if (!byTag.has(tag)) byTag.set(tag, { name: tag, description: "", ops: [] });
      byTag.get(tag).ops.push(o);
    }
    const out = Array.from(byTag.values());
    if (untagged.ops.length) {
      if (byTag.has("default")) byTag.get("default").ops.push(...untagged.ops);
      else out.push(untagged);
    }
    return out.filter((g) => g.ops.length);
  }

  // basePath is the path of the first server, when it is on this origin:
  // requests are sent to it. Relative server URLs are relative to the spec.
  function basePath(spec) {
    const server = Array.isArray(spec.servers) && isObj(spec.servers[0]) ? spec.servers[0] : undefined;
    if (!server || typeof server.url !== "string") return "";
    const vars = isObj(server.variables) ? server.variables : {};
    const raw = server.url.replace(/\{([^}]*)\}/g, (m, name) => (isObj(vars[name]) && typeof vars[name].default === "string" ? vars[name].default : m));
    try {
      const u = new URL(raw, new URL(specURL, location.href));
      return u.origin === location.origin ? u.pathname.replace(/\/+$/, "") : "";
    } catch (e) {
      return "";
    }
  }

  function contentView(spec, content, ctx) {
    if (!isObj(content) || !Object.keys(content).length) return el("p", { class: "none" }, "no body");
    return el("div", { class: "content" }, Object.keys(content).map((type) =>
      el("div", { class: "media" }, el("code", { class: "ctype" }, type), " ",
        schemaView(spec, isObj(content[type]) ? content[type].schema : undefined, ctx))));
  }

  function opView(spec, o, base) {
    const op = o.op;
    const id = ("op-" + (typeof op.operationId === "string" ? op.operationId : o.method + " " + o.path)).replace(/\s+/g, "-");
    const d = el("details", { class: "op", id, "data-op": o.method + " " + o.path, "data-method": o.method, "data-path": o.path });
    d.append(el("summary", {},
      el("span", { class: "method m-" + o.method.toLowerCase() }, o.method), " ",
      el("code", { class: "path" }, o.path),
      typeof op.summary === "string" ? el("span", { class: "summary" }, op.summary) : null,
      op.deprecated === true ? el("span", { class: "deprecated" }, "deprecated") : null));
    const box = el("div", { class: "op-body" });
    const ctx = viewContext();
    if (typeof op.description === "string") box.append(el("p", { class: "desc" }, op.description));
    if (typeof op.operationId === "string") box.append(el("p", { class: "opid" }, "operationId ", el("code", {}, op.operationId)));

    box.append(el("h4", {}, "Parameters"));
    if (o.params.length) {
      box.append(el("table", { class: "params" },
        el("thead", {}, el("tr", {}, ["in", "name", "schema", "required", "description"].map((h) => el("th", {}, h)))),
        el("tbody", {}, o.params.map((p) => el("tr", { "data-param": p.in + ":" + p.name },
          el("td", {}, p.in), el("td", {}, el("code", {}, p.name)), el("td", {}, schemaView(spec, paramSchema(p), ctx)),
          el("td", {}, p.required === true || p.in === "path" ? "required" : "optional"), el("td", {}, str(p.description)))))));
    } else {
      box.append(el("p", { class: "none" }, "none"));
    }

    const rb = deref(spec, op.requestBody);
    if (op.requestBody !== undefined) {
      box.append(el("h4", {}, "Request body", rb && rb.required === true ? " (required)" : ""));
      if (rb) {
        if (typeof rb.description === "string") box.append(el("p", { class: "desc" }, rb.description));
        box.append(contentView(spec, rb.content, ctx));
      } else {
        box.append(el("p", { class: "bad" }, "(unresolved request body)"));
      }
    }

    box.append(el("h4", {}, "Responses"));
    const responses = isObj(op.responses) ? op.responses : {};
    const list = el("div", { class: "responses" });
    for (const code of Object.keys(responses).sort()) {
      const r = deref(spec, responses[code]);
      const row = el("div", { class: "response", "data-code": code },
        el("p", {}, el("span", { class: "code" }, code), " ", r ? str(r.description) : el("span", { class: "bad" }, "(unresolved response)")));
      if (r && isObj(r.headers) && Object.keys(r.headers).length) row.append(el("p", { class: "rheaders" }, "headers: " + Object.keys(r.headers).join(", ")));
      if (r) row.append(contentView(spec, r.content, ctx));
      list.append(row);
    }
    box.append(list, tryForm(spec, o, base, rb));
    d.append(box);
    return d;
  }

  // --- sending requests --------------------------------------------------

  function tryForm(spec, o, base, rb) {
    const form = el("form", { class: "try", novalidate: true });
    form.append(el("h4", {}, "Try it"));
    const inputs = [];
    for (const p of o.params) {
      if (p.in === "cookie") {
        form.append(el("p", { class: "none" }, "cookie " + p.name + ": sent by the browser from its own cookies"));
        continue;
      }
      const required = p.in === "path" || p.required === true;
      const input = el("input", { class: "param", type: "text", "data-in": p.in, "data-name": p.name, placeholder: paramExample(spec, p), "aria-required": required ? "true" : null });
      inputs.push({ p, input, required });
      form.append(el("label", {}, el("span", { class: "label" }, p.name + " ", el("small", {}, p.in + (required ? ", required" : ""))), input));
    }
    let ctype = null;
    let area = null;
    const content = rb && isObj(rb.content) ? rb.content : {};
    const types = Object.keys(content);
    if (types.length) {
      const pick = types.find(isJSON) || types[0];
      ctype = el("select", { class: "ctype" }, types.map((t) => el("option", { value: t, selected: t === pick }, t)));
      area = el("textarea", { class: "body", rows: 8, spellcheck: "false" });
      const fill = () => { area.value = bodyExample(spec, content[ctype.value], ctype.value); };
      ctype.addEventListener("change", fill);
      fill();
      form.append(el("label", {}, el("span", { class: "label" }, "Content-Type"), ctype),
        el("label", {}, el("span", { class: "label" }, "Body"), area));
    }
    const send = el("button", { type: "submit", class: "send" }, "Send");
    const result = el("div", { class: "result", "aria-live": "polite" });
    form.append(send, result);
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      run(o, base, inputs, ctype, area, send, result);
    });
    return form;
  }

  async function run(o, base, inputs, ctype, area, send, result) {
    result.replaceChildren();
    delete result.dataset.status;
    result.dataset.state = "sending";
    send.disabled = true;
    try {
      let path = o.path;
      const query = new URLSearchParams();
      const headers = new Headers();
      const missing = [];
      for (const { p, input, required } of inputs) {
        const v = input.value;
        if (v === "") {
          if (required) missing.push(p.in + " " + p.name);
          continue;
        }
        if (p.in === "path") path = path.split("{" + p.name + "}").join(encodeURIComponent(v));
        else if (p.in === "query") query.append(p.name, v);
        else if (p.in === "header") headers.set(p.name, v);
      }
      if (missing.length) throw new Error("missing " + missing.join(", "));
      const init = { method: o.method, headers, credentials: "same-origin" };
      if (area && o.method !== "GET" && o.method !== "HEAD") {
        headers.set("Content-Type", ctype.value);
        init.body = area.value;
      }
      const qs = query.toString();
      const url = base + path + (qs ? "?" + qs : "");
      // A path from the document such as "//host/x" would send what was
      // typed here (a token in a header, say) to another origin, which
      // the CSP allows when the document itself comes from there.
      if (new URL(url, location.href).origin !== location.origin) throw new Error("the path " + o.path + " leads to another origin");
      const started = performance.now();
      const res = await fetch(url, init);
      const text = await res.text();
      show(result, res, text, performance.now() - started, o.method + " " + url);
    } catch (err) {
      result.dataset.state = "error";
      result.replaceChildren(el("p", { class: "status bad" }, "Not sent: " + (err && err.message ? err.message : String(err))));
    } finally {
      send.disabled = false;
    }
  }

  function show(result, res, text, ms, label) {
    const lines = [];
    res.headers.forEach((v, k) => lines.push(k + ": " + v));
    let shown = text.length > MAX_SHOWN ? text.slice(0, MAX_SHOWN) + "\n… (" + text.length + " characters in all)" : text;
    if (/json/i.test(res.headers.get("content-type") || "")) {
      try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch (e) { /* shown as sent */ }
    }
    result.replaceChildren(
      el("p", { class: "status " + (res.ok ? "ok" : "bad") }, el("span", { class: "code" }, String(res.status)), " " + res.statusText,
        el("span", { class: "took" }, " · " + label + (res.redirected ? " → " + res.url : "") + " · " + Math.round(ms) + " ms")),
      el("pre", { class: "headers" }, lines.join("\n")),
      el("pre", { class: "rbody" }, shown));
    result.dataset.status = String(res.status);
    result.dataset.state = "done";
  }

  // --- the page ----------------------------------------------------------

  function render(spec) {
    if (!isObj(spec)) throw new Error("the document is not a JSON object");
    const info = isObj(spec.info) ? spec.info : {};
    const title = str(info.title) || "API reference";
    document.title = title + " · API reference";
    document.getElementById("title").textContent = title;
    document.getElementById("version").textContent = [str(info.version) && "version " + info.version, str(spec.openapi) && "OpenAPI " + spec.openapi].filter(Boolean).join(" · ");
    document.getElementById("description").textContent = str(info.description);
    const base = basePath(spec);
    const ops = operations(spec);
    const all = groups(spec, ops);
    const toc = document.getElementById("toc");
    const main = document.getElementById("ops");
    all.forEach((g, i) => {
      toc.append(el("a", { href: "#tag-" + i }, g.name + " (" + g.ops.length + ")"), " ");
      main.append(el("section", { class: "tag", id: "tag-" + i, "data-tag": g.name },
        el("h2", {}, g.name), g.description ? el("p", { class: "desc" }, g.description) : null,
        g.ops.map((o) => opView(spec, o, base))));
    });
    document.getElementById("status").textContent = ops.length + " operations" + (base ? "; requests go to " + location.origin + base : "; requests go to " + location.origin);
    body.dataset.ops = String(ops.length);
    let target = null;
    try { target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1))); } catch (e) { /* a bad escape names nothing */ }
    if (target && target.tagName === "DETAILS") { target.open = true; target.scrollIntoView(); }
  }

  async function load() {
    try {
      const res = await fetch(specURL, { headers: { Accept: "application/json" }, credentials: "same-origin", cache: "no-cache" });
      if (!res.ok) throw new Error(res.status + " " + res.statusText + " from " + specURL);
      render(await res.json());
      body.dataset.state = "ready";
    } catch (err) {
      document.getElementById("status").textContent = "Could not show the API description: " + (err && err.message ? err.message : String(err));
      body.dataset.state = "error";
    }
  }

  load();
})();
