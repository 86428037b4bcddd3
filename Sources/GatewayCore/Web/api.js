// The API page: renders /api/v1/openapi.json as readable HTML, with a "try it" form per GET.
"use strict";

function element(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (name === "class") node.className = value; else node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function refName(ref) { return ref.split("/").pop(); }

function schemaSummary(schema) {
  if (!schema) return "";
  if (schema.$ref) return refName(schema.$ref);
  if (schema.enum) return schema.enum.map(v => JSON.stringify(v)).join(" | ");
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.type === "array") return "array of " + schemaSummary(schema.items);
  const bounds = [];
  if (schema.minimum !== undefined) bounds.push("≥ " + schema.minimum);
  if (schema.maximum !== undefined) bounds.push("≤ " + schema.maximum);
  if (schema.maxLength !== undefined) bounds.push("≤ " + schema.maxLength + " chars");
  if (schema.pattern) bounds.push("/" + schema.pattern + "/");
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type || "any");
  return type + (bounds.length ? " (" + bounds.join(", ") + ")" : "");
}

function link(schema) {
  const text = schemaSummary(schema);
  const ref = schema && (schema.$ref || (schema.items && schema.items.$ref));
  return ref ? element("a", { href: "#schema-" + refName(ref) }, text) : element("code", {}, text);
}

function parametersTable(parameters) {
  const table = element("table", {}, element("tr", {}, element("th", {}, "name"), element("th", {}, "in"),
    element("th", {}, "type"), element("th", {}, "description")));
  for (const p of parameters) {
    table.append(element("tr", {},
      element("td", {}, element("code", {}, p.name), p.required ? element("span", { class: "req", title: "required" }, " *") : null),
      element("td", {}, p.in), element("td", {}, link(p.schema)), element("td", {}, p.description || "")));
  }
  return table;
}

function tryForm(path, parameters) {
  const output = element("pre", { hidden: "" });
  const form = element("form", { class: "try" });
  for (const p of parameters) {
    form.append(element("label", {}, p.name + " ", element("input", { name: p.name, placeholder: p.required ? "required" : "" })), " ");
  }
  form.append(element("button", { type: "submit" }, "Try it"));
  form.addEventListener("submit", async event => {
    event.preventDefault();
    let url = path;
    const query = new URLSearchParams();
    const headers = {};
    for (const p of parameters) {
      const value = form.elements[p.name].value;
      if (value === "") continue;
      if (p.in === "path") url = url.replace("{" + p.name + "}", encodeURIComponent(value));
      else if (p.in === "header") headers[p.name] = value;
      else query.append(p.name, value);
    }
    const full = url + (query.toString() ? "?" + query : "");
    output.hidden = false;
    output.textContent = "GET " + full + " …";
    try {
      const response = await fetch(full, { headers });
      const text = await response.text();
      let shown = text;
      try { shown = JSON.stringify(JSON.parse(text), null, 1); } catch (_) { /* not JSON */ }
      output.textContent = "GET " + full + " → " + response.status + "\n" + shown.slice(0, 20000);
    } catch (error) {
      output.textContent = "GET " + full + " failed: " + error;
    }
  });
  return element("div", {}, form, output);
}

function operation(path, method, op) {
  const body = element("div", {});
  if (op.security) body.append(element("p", {}, "Needs ", element("code", {}, "Authorization: Bearer <token>"), "."));
  if (op.parameters && op.parameters.length) body.append(element("h4", {}, "Parameters"), parametersTable(op.parameters));
  if (op.requestBody) {
    const schema = op.requestBody.content["application/json"].schema;
    body.append(element("h4", {}, "Body (application/json)"), element("p", {}, link(schema), " — ", op.requestBody.description || ""));
  }
  const responses = element("table", {}, element("tr", {}, element("th", {}, "status"), element("th", {}, "body")));
  for (const [status, response] of Object.entries(op.responses)) {
    const content = response.content && response.content["application/json"];
    const label = response.$ref ? refName(response.$ref) : response.description;
    responses.append(element("tr", {}, element("td", {}, status),
      element("td", {}, content ? link(content.schema) : element("span", {}, label || ""), content ? " — " + (response.description || "") : "")));
  }
  body.append(element("h4", {}, "Responses"), responses);
  if (method === "get" && path !== "/api/v1/openapi.json") body.append(tryForm(path, op.parameters || []));
  return element("details", { class: "op", id: op.operationId },
    element("summary", {}, element("span", { class: "method " + method }, method.toUpperCase()), " ",
      element("span", { class: "path" }, path), " — ", op.summary || ""), body);
}

function schemaBlock(name, schema) {
  return element("details", { class: "op", id: "schema-" + name }, element("summary", {}, element("code", {}, name)),
    element("pre", {}, JSON.stringify(schema, null, 1)));
}

async function main() {
  try {
    const response = await fetch("/api/v1/openapi.json");
    if (!response.ok) throw new Error("HTTP " + response.status);
    const spec = await response.json();
    document.getElementById("title").textContent = spec.info.title + " " + spec.info.version;
    document.getElementById("description").textContent = spec.info.description;
    const operations = document.getElementById("operations");
    for (const [path, item] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(item)) operations.append(operation(path, method, op));
    }
    const schemas = document.getElementById("schemas");
    for (const [name, schema] of Object.entries(spec.components.schemas)) schemas.append(schemaBlock(name, schema));
  } catch (error) {
    document.getElementById("error").textContent = "Could not load the API document: " + error;
  }
}

main();
