// enhanced later
