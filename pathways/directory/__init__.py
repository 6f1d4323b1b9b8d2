"""The directory of legal and support services: the public, filterable list
(`views.directory`), the services a remedy page shows for the reader's
jurisdiction (`queries.services_for_remedy`, the `services_for_remedy`
template tag), and the form an organisation's admins keep their own listing
current with (`views.edit_listing`)."""
