const never = "fa-anchor";
