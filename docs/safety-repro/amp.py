import json, sys
n = int(sys.argv[1])
rec = {"id": "amp-1", "title": "Harbour plan approved", "source": "Example Times", "date": "2025-03-04T10:00:00Z",
       "text": "The council approved the harbour plan on Monday after a long debate.\n\n" + "&" * n + "\n\nThe vote was close."}
print(json.dumps(rec))
