"""Downloads of exactly the view on screen: CSV, Excel, GeoJSON and a Frictionless data package."""
