const never = "fa-anchor";
document.body.classList.add("carousel-inner", "alert-danger");
