"""The collaboration graph: pure builders, metrics, drawing and exports."""
