"""Writing a plan: plan.json and lists, manifests, the map; masking on the way."""
