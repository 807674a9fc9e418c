"""Draw the stand-in profile photo shipped in place of the owner's real one.

The real photo is not ours to commit; this script makes a neutral 760x718 PNG
(the real photo's size, so layout and image sizes match) with a silhouette.
Run it again only to regenerate ``_static/rosegarden.png``:

    .venv/bin/python scripts/make_standin_photo.py
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 760, 718


def draw_standin() -> Image.Image:
    image = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(image)
    # A soft vertical gradient, like a garden background out of focus.
    for y in range(HEIGHT):
        t = y / HEIGHT
        draw.line([(0, y), (WIDTH, y)], fill=(int(70 + 60 * t), int(120 + 50 * t), int(90 + 40 * t)))
    # Head and shoulders silhouette.
    centre_x = WIDTH // 2
    draw.ellipse([centre_x - 120, 150, centre_x + 120, 420], fill=(228, 222, 214))
    draw.ellipse([centre_x - 300, 440, centre_x + 300, 1000], fill=(228, 222, 214))
    return image.filter(ImageFilter.GaussianBlur(1.5))


if __name__ == "__main__":
    target = Path(__file__).resolve().parent.parent / "_static" / "rosegarden.png"
    draw_standin().save(target, optimize=True)
    print(f"wrote {target}")
