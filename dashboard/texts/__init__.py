"""What the pages say, as Markdown for Streamlit: pure functions of the domain's records, in the language of the run,
tested without a server. dashboard/ui/ only lays them out (and makes each once per key and choice)."""
