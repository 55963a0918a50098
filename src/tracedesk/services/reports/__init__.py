"""Reports and exports: trace dossier and recall report (PDF, Excel), EPCIS 2.0, FSMA 204, audit CSV."""
