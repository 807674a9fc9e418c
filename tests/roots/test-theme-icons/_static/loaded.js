document.body.append(Object.assign(document.createElement("i"), {className: "fa-solid fa-ghost"}));
