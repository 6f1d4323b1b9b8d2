"""Reform proposals and speaking opportunities. Not built yet."""
