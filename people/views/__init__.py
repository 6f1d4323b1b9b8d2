"""Pages where people manage what others can learn about them."""
