document.body.append(Object.assign(document.createElement("i"), {className: "fa-solid fa-ghost"}));
const kind = "header";
document.body.append(Object.assign(document.createElement("div"), {className: "toast-" + kind}));
