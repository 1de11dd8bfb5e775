"""`python app.py`: load settings, build services, build the UI, launch."""

from coach.ui.launch import serve

if __name__ == "__main__":
    serve()
